import { DomainError, type DispatchConfig } from '#common';
import type { PrismaService } from '#database';
import type { DeliveryReader } from './delivery-reader.js';
import { PreviewReader, withPreviewToken } from './preview-reader.js';

describe('PreviewReader', () => {
  it('does not keep a failed preview key lookup: the next request tries the database again', async () => {
    let lookups = 0;
    const prisma = {
      $executeRaw: () => (++lookups === 1 ? Promise.reject(new Error('connection reset')) : Promise.resolve(0)),
      systemSetting: { findUniqueOrThrow: () => Promise.resolve({ key: 'preview_key', value: 'k'.repeat(43) }) },
    } as unknown as PrismaService;
    const reader = new PreviewReader(prisma, {} as DeliveryReader, {} as DispatchConfig);
    const id = '0b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70';

    await expect(reader.preview(id, 'not-a-token')).rejects.toThrow('connection reset');
    // The database is back: a bad token is now refused as such, not with the old failure.
    await expect(reader.preview(id, 'not-a-token')).rejects.toEqual(expect.objectContaining({ code: 'forbidden' }));
    await expect(reader.preview(id, 'not-a-token')).rejects.toBeInstanceOf(DomainError);
    expect(lookups).toBe(2);
  });

  it('puts the token on every media URL, each of a srcset included', () => {
    const base = 'http://cdn.test/content/v1/media/';
    const value = {
      url: `${base}a/1280.jpeg`,
      crop: `${base}a/900.jpeg?aspect=1x1`,
      srcset: `${base}a/320.webp 320w, ${base}a/640.webp 640w`,
      other: 'https://elsewhere.test/x.jpeg',
    };
    expect(withPreviewToken(value, base, 't.1')).toEqual({
      url: `${base}a/1280.jpeg?token=t.1`,
      crop: `${base}a/900.jpeg?aspect=1x1&token=t.1`,
      srcset: `${base}a/320.webp?token=t.1 320w, ${base}a/640.webp?token=t.1 640w`,
      other: 'https://elsewhere.test/x.jpeg',
    });
  });
});
