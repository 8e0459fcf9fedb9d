/**
 * The display form of a photo credit, e.g. "© AP Photo / Bojan Slavkovic".
 *
 * Rule: the agency/source (`credit`) and the photographer (`creator`) are
 * joined with " / " (either may be missing, and a creator already named in
 * the credit is not repeated); the line starts with "©" unless the credit
 * already carries a copyright sign or the word "Copyright", or the asset is
 * not copyrighted material at all (empty). No credit and no creator → "".
 */
export function creditLine(credit: string | null | undefined, creator: string | null | undefined): string {
  const agency = clean(credit);
  const person = clean(creator);
  const parts = [agency];
  if (person && !agency.toLowerCase().includes(person.toLowerCase())) parts.push(person);
  const line = parts.filter(Boolean).join(' / ');
  if (!line) return '';
  return /^(©|\(c\)|copyright\b)/i.test(line) ? line.replace(/^\(c\)\s*/i, '© ') : `© ${line}`;
}

function clean(value: string | null | undefined): string {
  return (value ?? '').replace(/\s+/g, ' ').trim();
}

/** An image counts as credited when it names an agency/source or a creator. */
export function isCredited(asset: { credit: string; creator: string }): boolean {
  return creditLine(asset.credit, asset.creator) !== '';
}
