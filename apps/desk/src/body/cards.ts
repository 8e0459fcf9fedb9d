import type { Node } from 'prosemirror-model';
import type { EditorView, NodeView } from 'prosemirror-view';

/** What a card needs to say about the media or story it points at; loaded once per id. */
export interface CardLookup {
  media(id: string): Promise<{ caption: string; creditLine: string; kind: string } | null>;
  article(id: string): Promise<{ headline: string } | null>;
}

const el = (tag: string, className: string, text = '') => {
  const node = document.createElement(tag);
  node.className = className;
  node.textContent = text;
  return node;
};

/**
 * Image, audio, embed and Read-more blocks as readable cards: what the block
 * is and what it points at (an image's caption and credit line, a story's
 * headline), not ids. Select a card and press Backspace to remove it.
 */
export function cardView(lookup: CardLookup) {
  return (node: Node): NodeView => {
    const dom = el('div', `body-card body-card-${node.type.name}`);
    dom.contentEditable = 'false';
    const kind = el('span', 'body-card-kind');
    const title = el('span', 'body-card-title');
    const detail = el('span', 'body-card-detail');
    dom.append(kind, title, detail);
    const attrs = node.attrs;
    const fill = (label: string, main: string, more = '') => {
      kind.textContent = label;
      title.textContent = main;
      detail.textContent = more;
      dom.setAttribute('aria-label', [label, main, more].filter(Boolean).join(': '));
    };
    switch (node.type.name) {
      case 'image':
        fill('Image', (attrs.caption as string | null) ?? 'Loading…');
        void lookup
          .media(attrs.mediaId as string)
          .then((media) =>
            fill(
              'Image',
              (attrs.caption as string | null) || media?.caption || 'No caption',
              media ? media.creditLine || 'No credit yet' : 'This image is not in the library',
            ),
          );
        break;
      case 'audio':
        fill('Audio', 'Loading…');
        void lookup
          .media(attrs.mediaId as string)
          .then((media) => fill('Audio', media?.caption || 'Untitled audio', media ? media.creditLine : 'This audio is not in the library'));
        break;
      case 'embed':
        fill('Embed', attrs.url as string, (attrs.provider as string | null) ?? '');
        break;
      case 'related':
        fill('Read more', 'Loading…');
        void lookup.article(attrs.articleId as string).then((story) => fill('Read more', story?.headline ?? 'A story you cannot see'));
        break;
    }
    return { dom, ignoreMutation: () => true };
  };
}

/** A quote: its text is edited in place, its attribution in a field under it (empty: none). */
export function quoteView(node: Node, view: EditorView, getPos: () => number | undefined): NodeView {
  const dom = el('figure', 'body-quote');
  const contentDOM = el('blockquote', 'body-quote-text');
  const caption = el('figcaption', 'body-quote-attribution');
  caption.contentEditable = 'false';
  const input = document.createElement('input');
  input.placeholder = 'Attribution (optional)';
  input.setAttribute('aria-label', 'Quote attribution');
  input.value = (node.attrs.attribution as string | null) ?? '';
  input.addEventListener('input', () => {
    const pos = getPos();
    if (pos === undefined) return;
    view.dispatch(view.state.tr.setNodeAttribute(pos, 'attribution', input.value === '' ? null : input.value));
  });
  caption.append(input);
  dom.append(contentDOM, caption);
  let current = node;
  return {
    dom,
    contentDOM,
    update(next) {
      if (next.type !== current.type) return false;
      current = next;
      const value = (next.attrs.attribution as string | null) ?? '';
      if (input.value !== value) input.value = value;
      return true;
    },
    stopEvent: (event) => caption.contains(event.target as globalThis.Node),
    ignoreMutation: (mutation) => caption.contains(mutation.target),
  };
}
