import { KINDS, metaSummary, movedId, seoWith, withId, withoutId } from './meta.js';

describe('the story’s metadata', () => {
  it('names every kind of the schema', () => {
    expect(KINDS).toEqual(['story', 'feature', 'podcast_episode', 'video', 'live']);
  });

  it('adds, removes and reorders picked ids', () => {
    expect(withId(['a'], 'b')).toEqual(['a', 'b']);
    expect(withId(['a', 'b'], 'a')).toEqual(['a', 'b']);
    expect(withoutId(['a', 'b', 'c'], 'b')).toEqual(['a', 'c']);
    expect(movedId(['a', 'b', 'c'], 'c', -1)).toEqual(['a', 'c', 'b']);
    expect(movedId(['a', 'b', 'c'], 'a', -1)).toEqual(['a', 'b', 'c']);
    expect(movedId(['a', 'b', 'c'], 'a', 5)).toEqual(['b', 'c', 'a']);
    expect(movedId(['a'], 'x', 1)).toEqual(['a']);
  });

  it('leaves emptied SEO texts out and keeps the rest of the object', () => {
    expect(seoWith({}, 'title', 'Floods')).toEqual({ title: 'Floods' });
    expect(seoWith({ title: 'Floods', canonicalUrl: 'https://x.test/a' }, 'title', ' ')).toEqual({ canonicalUrl: 'https://x.test/a' });
    expect(seoWith({ title: 'A' }, 'description', 'B')).toEqual({ title: 'A', description: 'B' });
  });

  it('summarises the fields for a conflict', () => {
    expect(metaSummary('kind', 'podcast_episode')).toBe('Podcast episode');
    expect(metaSummary('tagIds', ['1', '2'], (id) => `tag ${id}`)).toBe('tag 1, tag 2');
    expect(metaSummary('authorIds', [])).toBe('(none)');
    expect(metaSummary('embargoUntil', null)).toBe('No embargo');
    expect(metaSummary('seo', { title: 'T' })).toBe('Title: T');
    expect(metaSummary('headline', 'x')).toBeUndefined();
  });
});
