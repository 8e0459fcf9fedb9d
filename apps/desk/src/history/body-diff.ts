/** One block of a body as a line of readable text (marks left out), or null for a value that is not a block. */
export function blockText(block: unknown): string {
  if (block === null || typeof block !== 'object') return String(block ?? '');
  const b = block as {
    type?: string;
    text?: string;
    level?: number;
    items?: unknown[];
    ordered?: boolean;
    attribution?: string;
    caption?: string;
    url?: string;
  };
  const plain = (text: unknown) => (typeof text === 'string' ? text.replace(/\*\*|__|~~|`/g, '') : '');
  switch (b.type) {
    case 'paragraph':
      return plain(b.text);
    case 'heading':
      return `${'#'.repeat(b.level ?? 2)} ${plain(b.text)}`;
    case 'quote':
      return `“${plain(b.text)}”${b.attribution ? ` — ${b.attribution}` : ''}`;
    case 'list':
      return (b.items ?? []).map((item, index) => `${b.ordered ? `${index + 1}.` : '•'} ${plain(item)}`).join('\n');
    case 'image':
      return `[Image${b.caption ? `: ${b.caption}` : ''}]`;
    case 'embed':
      return `[Embed: ${b.url ?? ''}]`;
    case 'related':
      return '[Read-more card]';
    case 'audio':
      return '[Audio]';
    default:
      return `[${b.type ?? 'block'}]`;
  }
}

/** A body (a list of blocks, as the API keeps it) as its blocks' readable lines. */
export const bodyLines = (body: unknown): string[] => (Array.isArray(body) ? body.map(blockText) : []);

export type DiffLine =
  { kind: 'same'; text: string } | { kind: 'added'; text: string } | { kind: 'removed'; text: string } | { kind: 'changed'; from: string; to: string };

/**
 * Two bodies compared block by block (a longest common subsequence of their
 * lines): unchanged blocks, blocks added and removed, and a removed block
 * directly followed by an added one shown as one changed block.
 */
export function diffLines(before: readonly string[], after: readonly string[]): DiffLine[] {
  const n = before.length;
  const m = after.length;
  // lcs[i][j]: the longest common subsequence of before[i..] and after[j..].
  const lcs = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) lcs[i][j] = before[i] === after[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const raw: DiffLine[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && before[i] === after[j]) {
      raw.push({ kind: 'same', text: before[i] });
      i++;
      j++;
    } else if (i < n && (j === m || lcs[i + 1][j] >= lcs[i][j + 1])) {
      raw.push({ kind: 'removed', text: before[i++] });
    } else {
      raw.push({ kind: 'added', text: after[j++] });
    }
  }
  // Pair a run of removed blocks with the run of added blocks right after it: block k of one with block k of the other.
  const out: DiffLine[] = [];
  for (let k = 0; k < raw.length;) {
    const removed: string[] = [];
    const added: string[] = [];
    while (k < raw.length && raw[k].kind === 'removed') removed.push((raw[k++] as { text: string }).text);
    while (k < raw.length && raw[k].kind === 'added') added.push((raw[k++] as { text: string }).text);
    if (!removed.length && !added.length) {
      out.push(raw[k++]);
      continue;
    }
    const pairs = Math.min(removed.length, added.length);
    for (let p = 0; p < pairs; p++) out.push({ kind: 'changed', from: removed[p], to: added[p] });
    for (const text of removed.slice(pairs)) out.push({ kind: 'removed', text });
    for (const text of added.slice(pairs)) out.push({ kind: 'added', text });
  }
  return out;
}

/** Two bodies as the readable diff of their blocks. */
export const bodyDiff = (before: unknown, after: unknown): DiffLine[] => diffLines(bodyLines(before), bodyLines(after));

/** A field's value from a comparison as short text ('(empty)' for nothing). */
export function valueText(value: unknown, name: (id: string) => string | undefined = () => undefined): string {
  if (value === null || value === undefined || value === '') return '(empty)';
  if (typeof value === 'string') return name(value) ?? value;
  if (Array.isArray(value)) return value.length ? value.map((each) => valueText(each, name)).join(', ') : '(empty)';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** "article.request_changes" → "Request changes". */
export function actionLabel(action: string): string {
  const words = action.replace(/^article\./, '').replace(/[._]/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
