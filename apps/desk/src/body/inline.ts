/**
 * Dispatch's inline mark grammar, both ways: stored text ⇄ runs of text
 * with marks. Parsing mirrors libs/content/src/delivery/inline-spans.ts
 * (what readers get): `[label](http(s) url)` first, then `**bold**`, then
 * `_italic_` between spaces, brackets or punctuation. Serializing writes
 * only what that parser reads back the same way; a mark the grammar cannot
 * say there (italic inside a word, bold text holding `*`, a link label
 * holding `]`) is left off, so what the editor shows after a save is what
 * readers get.
 */
export interface Run {
  text: string;
  bold?: true;
  italic?: true;
  href?: string;
}

const LINK = /\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g;
const BOLD = /\*\*([^*]+)\*\*/g;
const ITALIC = /(^|[\s(])_([^_]+)_(?=$|[\s).,;:!?])/g;
const STAGES = [LINK, BOLD, ITALIC] as const;

/** The runs of one stored text, in order; neighbours with the same marks are joined. */
export function parseInline(text: string): Run[] {
  const out: Run[] = [];
  parse(text, {}, 0, out);
  return join(out);
}

function parse(text: string, marks: Omit<Run, 'text'>, stage: number, out: Run[]): void {
  if (text === '') return;
  const pattern = STAGES[stage];
  if (!pattern) {
    out.push({ text, ...marks });
    return;
  }
  let last = 0;
  for (const match of text.matchAll(pattern)) {
    const index = match.index;
    if (pattern === ITALIC) {
      parse(text.slice(last, index + match[1]!.length), marks, stage + 1, out);
      parse(match[2]!, { ...marks, italic: true }, stage + 1, out);
    } else if (pattern === BOLD) {
      parse(text.slice(last, index), marks, stage + 1, out);
      parse(match[1]!, { ...marks, bold: true }, stage + 1, out);
    } else {
      parse(text.slice(last, index), marks, stage + 1, out);
      parse(match[1]!, { ...marks, href: match[2]! }, stage + 1, out);
    }
    last = index + match[0].length;
  }
  parse(text.slice(last), marks, stage + 1, out);
}

const same = (a: Omit<Run, 'text'>, b: Omit<Run, 'text'>) => a.bold === b.bold && a.italic === b.italic && a.href === b.href;

function join(runs: Run[]): Run[] {
  const out: Run[] = [];
  for (const run of runs) {
    const previous = out.at(-1);
    if (previous && same(previous, run)) previous.text += run.text;
    else if (run.text !== '') out.push({ ...run });
  }
  return out;
}

const VALID_HREF = /^https?:\/\/[^)\s]+$/;
const BEFORE_ITALIC = /[\s(]$/;
const AFTER_ITALIC = /^[\s).,;:!?]/;

/** The stored text for runs (joined first); parseInline(serializeInline(runs)) gives the runs back, less the marks the grammar cannot say. */
export function serializeInline(runs: readonly Run[]): string {
  const segments = (list: Run[]): Run[][] => {
    const out: Run[][] = [];
    for (const run of list) {
      const last = out.at(-1);
      if (last && last[0]!.href === run.href) last.push(run);
      else out.push([run]);
    }
    return out;
  };
  // Links the grammar cannot say become plain text first, which may join them to their neighbours.
  const linkable = segments(join(runs.map((run) => ({ ...run })))).flatMap((segment) => {
    const href = segment[0]!.href;
    const label = segment.map((run) => run.text).join('');
    const ok = href !== undefined && VALID_HREF.test(href) && !label.includes(']');
    return ok ? segment : segment.map(({ href: _dropped, ...run }) => run);
  });
  return segments(join(linkable))
    .map((segment) => {
      const inner = serializeMarks(segment);
      return segment[0]!.href === undefined ? inner : `[${inner}](${segment[0]!.href})`;
    })
    .join('');
}

/** Bold and italic within one link (or between links): bold holds italic. */
function serializeMarks(segment: readonly Run[]): string {
  // Marks that cannot be said are dropped, which can join runs and change what their neighbours can say: repeat until nothing drops.
  let runs = [...segment];
  for (;;) {
    const said = sayable(runs);
    const next = join(said);
    if (next.length === runs.length && said.every((run, index) => same(run, runs[index]!))) break;
    runs = next;
  }
  return runs
    .map((run) => {
      const text = run.italic ? `_${run.text}_` : run.text;
      return run.bold ? `**${text}**` : text;
    })
    .join('');
}

function sayable(runs: readonly Run[]): Run[] {
  const bold = runs.map((run) => run.bold === true && !run.text.includes('*'));
  return runs.map((run, index) => {
    let italic = run.italic === true && !run.text.includes('_');
    // In bold, the italic stage reads the bold text on its own, so both ends are boundaries.
    if (italic && !bold[index]) {
      const before = runs[index - 1];
      const after = runs[index + 1];
      italic = (!before || bold[index - 1]! || BEFORE_ITALIC.test(before.text)) && (!after || bold[index + 1]! || AFTER_ITALIC.test(after.text));
    }
    const { bold: _bold, italic: _italic, ...rest } = run;
    return { ...rest, ...(bold[index] ? { bold: true } : {}), ...(italic ? { italic: true } : {}) };
  });
}
