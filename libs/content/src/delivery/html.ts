import type { PublicBlock } from './delivery.types.js';

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Inline marks: **bold**, _italic_, [text](http(s) url). Everything else is text. */
export function inlineHtml(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]]+)\]\((https?:\/\/[^)\s]+)\)/g, (_m, label: string, url: string) => `<a href="${url}">${label}</a>`)
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_([^_]+)_(?=$|[\s).,;:!?])/g, '$1<em>$2</em>');
}

/** The body as HTML, for partners (ninjs) that take a rendered body. */
export function blocksToHtml(blocks: PublicBlock[]): string {
  return blocks
    .map((block) => {
      switch (block.type) {
        case 'paragraph':
          return `<p>${inlineHtml(block.text)}</p>`;
        case 'heading':
          return `<h${block.level}>${inlineHtml(block.text)}</h${block.level}>`;
        case 'quote':
          return `<blockquote><p>${inlineHtml(block.text)}</p>${block.attribution ? `<cite>${escapeHtml(block.attribution)}</cite>` : ''}</blockquote>`;
        case 'list': {
          const tag = block.ordered ? 'ol' : 'ul';
          return `<${tag}>${block.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
        }
        case 'embed':
          return `<p><a href="${escapeHtml(block.url)}">${escapeHtml(block.provider ?? block.url)}</a></p>`;
        case 'image':
          return `<figure><img src="${escapeHtml(block.image.url)}" alt="${escapeHtml(block.image.alt)}"/><figcaption>${escapeHtml(block.caption ?? block.image.caption)} ${escapeHtml(block.image.creditLine)}</figcaption></figure>`;
        case 'related':
          return `<aside class="read-more"><a href="${escapeHtml(block.article.url)}">${escapeHtml(block.article.headline)}</a></aside>`;
        case 'audio':
          return `<audio controls src="${escapeHtml(block.audio.url)}"></audio>`;
        default:
          return '';
      }
    })
    .join('\n');
}
