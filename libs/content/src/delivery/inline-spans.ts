import type { TextSpan } from './delivery.schema.js';

type Mark = 'bold' | 'italic';

const LINK = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
const BOLD = /\*\*([^*]+)\*\*/g;
const ITALIC = /(^|[\s(])_([^_]+)_(?=$|[\s).,;:!?])/g;

/**
 * The stored inline text parsed into runs of the same marks, by the
 * grammar inlineHtml renders: `[label](http(s) url)` first, then
 * `**bold**`, then `_italic_` between spaces, brackets or punctuation.
 * Concatenating the spans' text gives the text without mark syntax.
 */
export function inlineSpans(text: string): TextSpan[] {
  const spans: TextSpan[] = [];
  parse(text, [], undefined, 0, spans);
  return merge(spans);
}

const STAGES = [LINK, BOLD, ITALIC] as const;

function parse(text: string, marks: Mark[], href: string | undefined, stage: number, out: TextSpan[]): void {
  if (text === '') return;
  const pattern = STAGES[stage];
  if (!pattern) {
    out.push({ text, ...(marks.length ? { marks: [...marks] } : {}), ...(href ? { href } : {}) });
    return;
  }
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index;
    if (pattern === ITALIC) {
      const lead = match[1]!;
      parse(text.slice(last, index + lead.length), marks, href, stage + 1, out);
      parse(match[2]!, add(marks, 'italic'), href, stage + 1, out);
    } else if (pattern === BOLD) {
      parse(text.slice(last, index), marks, href, stage + 1, out);
      parse(match[1]!, add(marks, 'bold'), href, stage + 1, out);
    } else {
      parse(text.slice(last, index), marks, href, stage + 1, out);
      parse(match[1]!, marks, match[2]!, stage + 1, out);
    }
    last = index + match[0].length;
  }
  parse(text.slice(last), marks, href, stage + 1, out);
}

function add(marks: Mark[], mark: Mark): Mark[] {
  return marks.includes(mark) ? marks : [...marks, mark];
}

/** Neighbours with the same marks and link become one span. */
function merge(spans: TextSpan[]): TextSpan[] {
  const out: TextSpan[] = [];
  for (const span of spans) {
    const previous = out.at(-1);
    if (previous && previous.href === span.href && (previous.marks ?? []).join() === (span.marks ?? []).join()) previous.text += span.text;
    else out.push({ ...span });
  }
  return out;
}
