import { isServable, mediaPublishProblems, type PublishableMedia } from './media-publish.js';

const photo = (overrides: Partial<PublishableMedia> = {}): PublishableMedia => ({
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'image',
  credit: 'AP Photo',
  creator: '',
  rightsExpireAt: null,
  ...overrides,
});

describe('mediaPublishProblems', () => {
  const now = new Date('2026-11-27T12:00:00Z');

  it('passes a credited image with rights in force', () => {
    expect(mediaPublishProblems([photo().id], [photo({ rightsExpireAt: new Date('2027-01-01T00:00:00Z') })], now)).toEqual([]);
  });

  it('flags an image with neither credit nor creator, once however often it is used', () => {
    const uncredited = photo({ credit: ' ', creator: '' });
    expect(mediaPublishProblems([uncredited.id, uncredited.id], [uncredited], now)).toEqual([
      expect.objectContaining({ mediaId: uncredited.id, code: 'image_uncredited' }),
    ]);
  });

  it('does not ask audio for a photo credit', () => {
    expect(mediaPublishProblems([photo().id], [photo({ kind: 'audio', credit: '' })], now)).toEqual([]);
  });

  it('flags expired rights and missing assets', () => {
    const expired = photo({ rightsExpireAt: new Date('2026-11-27T11:59:59Z') });
    const missing = '00000000-0000-4000-8000-00000000dead';
    expect(mediaPublishProblems([expired.id, missing], [expired], now).map((problem) => problem.code)).toEqual(['rights_expired', 'media_missing']);
  });

  it('stops serving at the expiry instant', () => {
    const expiry = new Date('2026-11-27T12:00:00Z');
    expect(isServable({ rightsExpireAt: expiry }, new Date(expiry.getTime() - 1))).toBe(true);
    expect(isServable({ rightsExpireAt: expiry }, expiry)).toBe(false);
    expect(isServable({ rightsExpireAt: null }, expiry)).toBe(true);
  });
});
