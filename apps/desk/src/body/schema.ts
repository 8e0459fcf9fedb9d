import { type MarkSpec, type NodeSpec, Schema } from 'prosemirror-model';

/**
 * The body editor's ProseMirror schema: exactly Dispatch's body blocks
 * (libs/content/src/article/blocks.schema.ts) and inline marks (`**bold**`,
 * `_italic_`, `[text](http(s) URL)`), and nothing else. Marks are allowed
 * where the API reads them: paragraphs, quotes and list items; headings are
 * plain text. Image, audio, embed and Read-more blocks are atoms edited
 * through their attributes.
 */
const textblock = (tag: string): Pick<NodeSpec, 'parseDOM' | 'toDOM'> => ({ parseDOM: [{ tag }], toDOM: () => [tag, 0] });

const nodes: Record<string, NodeSpec> = {
  doc: { content: 'block+' },
  paragraph: { group: 'block', content: 'text*', marks: '_', ...textblock('p') },
  heading: {
    group: 'block',
    content: 'text*',
    marks: '',
    defining: true,
    attrs: { level: { default: 2, validate: (value: unknown) => [2, 3, 4].includes(value as number) } },
    parseDOM: [2, 3, 4].map((level) => ({ tag: `h${level}`, attrs: { level } })),
    toDOM: (node) => [`h${node.attrs.level as number}`, 0],
  },
  quote: {
    group: 'block',
    content: 'text*',
    marks: '_',
    defining: true,
    // null: no attribution (absent in the block); a string, even '', is kept as written.
    attrs: { attribution: { default: null } },
    parseDOM: [{ tag: 'blockquote' }],
    toDOM: () => ['blockquote', ['p', 0]],
  },
  bullet_list: { group: 'block', content: 'list_item+', parseDOM: [{ tag: 'ul' }], toDOM: () => ['ul', 0] },
  ordered_list: { group: 'block', content: 'list_item+', parseDOM: [{ tag: 'ol' }], toDOM: () => ['ol', 0] },
  // One paragraph per item: the API's items are single strings, so lists do not nest.
  list_item: { content: 'paragraph', defining: true, parseDOM: [{ tag: 'li' }], toDOM: () => ['li', 0] },
  image: atom({ mediaId: { default: '' }, caption: { default: null } }),
  embed: atom({ url: { default: '' }, provider: { default: null } }),
  related: atom({ articleId: { default: '' } }),
  audio: atom({ mediaId: { default: '' } }),
  text: {},
};

function atom(attrs: NodeSpec['attrs']): NodeSpec {
  return { group: 'block', atom: true, selectable: true, draggable: true, attrs, toDOM: () => ['div', { class: 'body-card' }] };
}

// In this order a link holds bold and bold holds italic: the order the grammar nests them.
const marks: Record<string, MarkSpec> = {
  link: {
    attrs: { href: {} },
    inclusive: false,
    parseDOM: [{ tag: 'a[href]', getAttrs: (dom) => ({ href: dom.getAttribute('href') }) }],
    toDOM: (mark) => ['a', { href: mark.attrs.href as string, rel: 'noopener noreferrer' }, 0],
  },
  bold: { parseDOM: [{ tag: 'strong' }, { tag: 'b' }], toDOM: () => ['strong', 0] },
  italic: { parseDOM: [{ tag: 'em' }, { tag: 'i' }], toDOM: () => ['em', 0] },
};

export const bodySchema = new Schema({ nodes, marks });
