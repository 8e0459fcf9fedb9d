import type { Mark, Node } from 'prosemirror-model';
import type { AdminComponents } from '#client';
import { parseInline, type Run, serializeInline } from './inline.js';
import { bodySchema as schema } from './schema.js';

export type Block = AdminComponents['schemas']['Block'];

/** The document for a stored body; an empty body is one empty paragraph to type in. */
export function toDoc(blocks: readonly Block[]): Node {
  const content = blocks.map(toNode);
  return schema.nodes.doc.create(null, content.length ? content : [schema.nodes.paragraph.create()]);
}

/**
 * The body to store for a document. Text blocks left empty (or only
 * whitespace) are not blocks the API takes, so they are left out, as are
 * empty list items and lists with none left.
 */
export function toBlocks(doc: Node): Block[] {
  const blocks: Block[] = [];
  doc.forEach((node) => {
    const block = toBlock(node);
    if (block) blocks.push(block);
  });
  return blocks;
}

function toNode(block: Block): Node {
  const { nodes } = schema;
  switch (block.type) {
    case 'paragraph':
      return nodes.paragraph.create(null, inline(block.text));
    case 'heading':
      return nodes.heading.create({ level: block.level }, block.text ? schema.text(block.text) : null);
    case 'quote':
      return nodes.quote.create({ attribution: block.attribution ?? null }, inline(block.text));
    case 'list':
      return (block.ordered ? nodes.ordered_list : nodes.bullet_list).create(
        null,
        block.items.map((item) => nodes.list_item.create(null, nodes.paragraph.create(null, inline(item)))),
      );
    case 'image':
      return nodes.image.create({ mediaId: block.mediaId, caption: block.caption ?? null });
    case 'embed':
      return nodes.embed.create({ url: block.url, provider: block.provider ?? null });
    case 'related':
      return nodes.related.create({ articleId: block.articleId });
    case 'audio':
      return nodes.audio.create({ mediaId: block.mediaId });
  }
}

function inline(text: string): Node[] {
  return parseInline(text).map((run) => {
    const marks: Mark[] = [];
    if (run.href !== undefined) marks.push(schema.marks.link.create({ href: run.href }));
    if (run.bold) marks.push(schema.marks.bold.create());
    if (run.italic) marks.push(schema.marks.italic.create());
    return schema.text(run.text, marks);
  });
}

/** The stored text of a textblock's content. */
export function inlineText(node: Node): string {
  const runs: Run[] = [];
  node.forEach((child) => {
    const run: Run = { text: child.text ?? '' };
    for (const mark of child.marks) {
      if (mark.type === schema.marks.bold) run.bold = true;
      else if (mark.type === schema.marks.italic) run.italic = true;
      else if (mark.type === schema.marks.link) run.href = mark.attrs.href as string;
    }
    runs.push(run);
  });
  return serializeInline(runs);
}

const filled = (text: string) => text.trim() !== '';

function toBlock(node: Node): Block | null {
  const attrs = node.attrs;
  switch (node.type.name) {
    case 'paragraph': {
      const text = inlineText(node);
      return filled(text) ? { type: 'paragraph', text } : null;
    }
    case 'heading':
      return filled(node.textContent) ? { type: 'heading', level: attrs.level as 2 | 3 | 4, text: node.textContent } : null;
    case 'quote': {
      const text = inlineText(node);
      if (!filled(text)) return null;
      return attrs.attribution === null ? { type: 'quote', text } : { type: 'quote', text, attribution: attrs.attribution as string };
    }
    case 'bullet_list':
    case 'ordered_list': {
      const items: string[] = [];
      node.forEach((item) => {
        const text = inlineText(item.firstChild!);
        if (filled(text)) items.push(text);
      });
      return items.length ? { type: 'list', ordered: node.type.name === 'ordered_list', items } : null;
    }
    case 'image':
      return attrs.caption === null
        ? { type: 'image', mediaId: attrs.mediaId as string }
        : { type: 'image', mediaId: attrs.mediaId as string, caption: attrs.caption as string };
    case 'embed':
      return attrs.provider === null
        ? { type: 'embed', url: attrs.url as string }
        : { type: 'embed', url: attrs.url as string, provider: attrs.provider as string };
    case 'related':
      return { type: 'related', articleId: attrs.articleId as string };
    case 'audio':
      return { type: 'audio', mediaId: attrs.mediaId as string };
    default:
      return null;
  }
}
