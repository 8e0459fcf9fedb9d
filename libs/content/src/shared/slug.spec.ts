import { isValidSlug, slugify } from './slug.js';

describe('slugify', () => {
  it.each([
    ['NATO reinforces presence in Kosovo', 'nato-reinforces-presence-in-kosovo'],
    ['  Serbia invokes UN resolution on Kosovo!  ', 'serbia-invokes-un-resolution-on-kosovo'],
    ['НАТО усиливает присутствие в Косово', 'nato-usilivaet-prisutstvie-v-kosovo'],
    ['الناتو يعزز وجوده في كوسوفو', 'الناتو-يعزز-وجوده-في-كوسوفو'],
    ['مُحَمَّد', 'محمد'],
    ['Économie : la BCE relève ses taux', 'economie-la-bce-releve-ses-taux'],
    ['Fußball-Bundesliga: Straße frei', 'fussball-bundesliga-strasse-frei'],
    ['2026 — the year in review', '2026-the-year-in-review'],
    ['!!!', ''],
  ])('%s → %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('uses Serbian Latin for Serbian', () => {
    expect(slugify('Србија се позива на резолуцију УН', 'sr')).toBe('srbija-se-poziva-na-rezoluciju-un');
    expect(slugify('Цена', 'ru')).toBe('tsena');
  });

  it('cuts long headlines at a word boundary', () => {
    const slug = slugify('word '.repeat(40));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug.endsWith('-')).toBe(false);
    expect(slug.endsWith('word')).toBe(true);
  });

  it('produces slugs it accepts', () => {
    for (const text of ['NATO in Kosovo', 'НАТО в Косово', 'الناتو في كوسوفو']) expect(isValidSlug(slugify(text))).toBe(true);
  });

  it.each(['', 'Upper', 'two--hyphens', '-leading', 'trailing-', 'spa ce', 'a/b', '../etc'])('refuses %j', (slug) => {
    expect(isValidSlug(slug)).toBe(false);
  });
});
