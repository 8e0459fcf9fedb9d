import fc from 'fast-check';
import { cropBox, RENDITION_ASPECTS } from './rendition-geometry.js';

describe('cropBox', () => {
  it('crops a landscape photo to 1x1 around a focal point on the right', () => {
    expect(cropBox(1600, 900, '1x1', { x: 0.8, y: 0.5 })).toEqual({ left: 700, top: 0, width: 900, height: 900 });
  });

  it('keeps the crop inside the image when the focal point is at an edge', () => {
    expect(cropBox(1600, 900, '1x1', { x: 1, y: 0 })).toEqual({ left: 700, top: 0, width: 900, height: 900 });
    expect(cropBox(1600, 900, '1x1', { x: 0, y: 1 })).toEqual({ left: 0, top: 0, width: 900, height: 900 });
  });

  it('crops a portrait photo to 16x9 around a focal point near the top', () => {
    expect(cropBox(900, 1600, '16x9', { x: 0.5, y: 0.2 })).toEqual({ left: 0, top: 67, width: 900, height: 506 });
  });

  it('always returns a box of the requested ratio inside the image', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 16, max: 8000 }),
        fc.integer({ min: 16, max: 8000 }),
        fc.constantFrom(...RENDITION_ASPECTS),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (width, height, aspect, x, y) => {
          const box = cropBox(width, height, aspect, { x, y });
          const [w, h] = aspect.split('x').map(Number);
          expect(box.left).toBeGreaterThanOrEqual(0);
          expect(box.top).toBeGreaterThanOrEqual(0);
          expect(box.left + box.width).toBeLessThanOrEqual(width);
          expect(box.top + box.height).toBeLessThanOrEqual(height);
          expect(Math.abs(box.width / box.height - w / h)).toBeLessThan(0.02 * (w / h) + 1 / box.height + 1 / box.width);
          expect(box.width === width || box.height === height).toBe(true);
        },
      ),
    );
  });
});
