import { renditionHeight, renditionWidths } from './renditions.js';

describe('renditionWidths', () => {
  it.each([
    [1600, [320, 640, 960, 1280, 1600]],
    [1280, [320, 640, 960, 1280]],
    [2560, [320, 640, 960, 1280, 1920, 2560]],
    [4000, [320, 640, 960, 1280, 1920, 2560]],
    [200, [200]],
    [0, []],
    [null, []],
  ])('an original %p px wide is offered at %p', (width, ladder) => {
    expect(renditionWidths(width)).toEqual(ladder);
  });

  it('gives the height the encoder writes', () => {
    expect(renditionHeight(1280, 1600, 900)).toBe(720);
    expect(renditionHeight(640, 1333, 777)).toBe(373);
  });
});
