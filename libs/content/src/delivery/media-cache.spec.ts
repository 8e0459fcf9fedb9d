import type { DispatchConfig } from '#common';
import type { MediaAsset, PrismaService } from '#database';
import { MediaCache } from './media-cache.js';

const id = '0b6d3f7e-1c2a-4f4e-9b1a-2f3c4d5e6f70';

function asset(credit: string): MediaAsset {
  return {
    id,
    kind: 'image',
    mime: 'image/jpeg',
    width: 1200,
    height: 800,
    credit,
    creator: null,
    caption: 'A checkpoint',
    altText: null,
    copyrightNotice: null,
    isFilePhoto: false,
    focalX: 0.5,
    focalY: 0.5,
    rightsExpireAt: null,
  } as unknown as MediaAsset;
}

describe('MediaCache', () => {
  it('does not keep a row read before a change notice: the next read loads the asset again', async () => {
    const stored = { credit: 'AP Photo' };
    const reads: Array<() => void> = [];
    const prisma = {
      mediaAsset: {
        // Each read sees the row as it is when the query starts, and answers when the test lets it.
        findMany: () => {
          const row = asset(stored.credit);
          return new Promise<MediaAsset[]>((resolve) => reads.push(() => resolve([row])));
        },
      },
    } as unknown as PrismaService;
    const cache = new MediaCache(prisma, { delivery: { publicUrl: 'http://delivery' } } as DispatchConfig);

    const racing = cache.prime([id]);
    // The credit changes and its notice arrives while that read is under way.
    stored.credit = 'Reuters';
    cache.invalidate(id);
    reads.shift()!();
    await racing;
    // The request that started before the change may use what it read ...
    expect(cache.image(id)?.credit).toBe('AP Photo');

    // ... but the next one must not.
    const next = cache.prime([id]);
    expect(reads).toHaveLength(1);
    reads.shift()!();
    await next;
    expect(cache.image(id)?.credit).toBe('Reuters');
  });
});
