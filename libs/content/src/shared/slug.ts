/**
 * URL slugs for any script. Cyrillic is transliterated to Latin (as Russian
 * and Serbian news sites do); Arabic and other scripts keep their letters
 * (browsers show them, servers receive them percent-encoded) with Arabic
 * diacritics and tatweel removed. Anything that is not a letter or digit
 * becomes a hyphen.
 */
const CYRILLIC: Record<string, string> = {
  а: 'a',
  б: 'b',
  в: 'v',
  г: 'g',
  д: 'd',
  ђ: 'dj',
  е: 'e',
  ё: 'yo',
  ж: 'zh',
  з: 'z',
  и: 'i',
  й: 'y',
  ј: 'j',
  к: 'k',
  л: 'l',
  љ: 'lj',
  м: 'm',
  н: 'n',
  њ: 'nj',
  о: 'o',
  п: 'p',
  р: 'r',
  с: 's',
  т: 't',
  ћ: 'c',
  у: 'u',
  ф: 'f',
  х: 'h',
  ц: 'ts',
  ч: 'ch',
  џ: 'dz',
  ш: 'sh',
  щ: 'shch',
  ъ: '',
  ы: 'y',
  ь: '',
  э: 'e',
  ю: 'yu',
  я: 'ya',
  є: 'ye',
  і: 'i',
  ї: 'yi',
  ґ: 'g',
};

/** Serbian Latin drops the diacritics of č, ć, š, ž, đ in slugs: ц → c, not ts. */
const SERBIAN: Record<string, string> = { ц: 'c', ч: 'c', ћ: 'c', ш: 's', ж: 'z', ђ: 'dj', џ: 'dz' };

const MAX_LENGTH = 80;

export function slugify(text: string, locale?: string): string {
  const lowered = text.normalize('NFKC').toLowerCase();
  const table = locale === 'sr' ? { ...CYRILLIC, ...SERBIAN } : CYRILLIC;
  let out = '';
  for (const char of lowered) out += table[char] ?? char;
  out = out
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // Latin accents: é → e
    .replace(/[\u064b-\u065f\u0670\u0640]/g, '') // Arabic harakat, superscript alef, tatweel
    .normalize('NFC')
    .replace(/ß/g, 'ss')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (out.length <= MAX_LENGTH) return out;
  const cut = out.slice(0, MAX_LENGTH);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 20 ? cut.slice(0, lastHyphen) : cut).replace(/-+$/, '');
}

/** A slug as accepted from people: lowercase letters/digits of any script, single hyphens. */
export function isValidSlug(slug: string): boolean {
  return slug.length > 0 && slug.length <= 120 && /^[\p{Ll}\p{Lo}\p{Lm}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}]+)*$/u.test(slug) && slug === slug.normalize('NFC');
}
