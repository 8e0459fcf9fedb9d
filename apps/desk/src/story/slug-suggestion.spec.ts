import { slugify } from '../../../../libs/content/src/shared/slug.js';
import { followingSlug, isSlugFromHeadline, slugFromHeadline, slugIsPublic } from './slug-suggestion.js';

const draft = { editedByHand: false, isPublic: false };

describe('the slug suggested from the headline', () => {
  it('is the server’s slug for the headline, in any script', () => {
    for (const [headline, locale] of [
      ['NATO reinforces presence in Kosovo', 'en'],
      ['Café à la carte: ß and Œuvre', 'fr'],
      ['Влада Србије усвојила буџет', 'sr'],
      ['Путин встретился с Макроном', 'ru'],
      ['مرحبا بالعالم', 'ar'],
    ] as const)
      expect(slugFromHeadline(headline, locale)).toBe(slugify(headline, locale));
    expect(slugFromHeadline('NATO reinforces presence in Kosovo')).toBe('nato-reinforces-presence-in-kosovo');
    expect(slugFromHeadline('Влада Србије', 'sr')).toBe('vlada-srbije');
    expect(slugFromHeadline('!!!')).toBe('untitled');
  });

  it('recognises the headline’s slug with the number the server adds when it was taken', () => {
    expect(isSlugFromHeadline('floods-in-serbia', 'Floods in Serbia')).toBe(true);
    expect(isSlugFromHeadline('floods-in-serbia-2', 'Floods in Serbia')).toBe(true);
    expect(isSlugFromHeadline('floods-in-serbia-two', 'Floods in Serbia')).toBe(false);
    expect(isSlugFromHeadline('my-own-slug', 'Floods in Serbia')).toBe(false);
  });

  it('follows headline edits on a draft whose slug nobody wrote', () => {
    expect(followingSlug({ ...draft, slug: 'floods', from: 'Floods', nextHeadline: 'Floods in Serbia' })).toEqual({
      slug: 'floods-in-serbia',
      from: 'Floods in Serbia',
    });
    expect(followingSlug({ ...draft, slug: 'floods-3', from: 'Floods', nextHeadline: 'Floods recede' }).slug).toBe('floods-recede');
    expect(followingSlug({ ...draft, slug: '', from: '', nextHeadline: 'Floods' }).slug).toBe('floods');
  });

  it('goes on following after the headline is emptied and typed again', () => {
    const emptied = followingSlug({ ...draft, slug: 'floods', from: 'Floods', nextHeadline: '' });
    expect(emptied).toEqual({ slug: 'floods', from: 'Floods' });
    expect(followingSlug({ ...draft, ...emptied, nextHeadline: 'D' })).toEqual({ slug: 'd', from: 'D' });
  });

  it('stays put once written by hand, when it is not the headline’s, or on a published story', () => {
    const edit = { slug: 'floods', from: 'Floods', nextHeadline: 'Floods in Serbia' };
    expect(followingSlug({ ...draft, ...edit, editedByHand: true }).slug).toBe('floods');
    expect(followingSlug({ ...draft, ...edit, slug: 'my-own' }).slug).toBe('my-own');
    expect(followingSlug({ ...draft, ...edit, isPublic: true }).slug).toBe('floods');
  });

  it('counts a story as public once published, scheduled or unpublished', () => {
    expect(slugIsPublic({ status: 'draft', live: null })).toBe(false);
    expect(slugIsPublic({ status: 'approved', live: null })).toBe(false);
    expect(slugIsPublic({ status: 'scheduled', live: null })).toBe(true);
    expect(slugIsPublic({ status: 'in_review', live: { revision: 2 } })).toBe(true);
  });
});
