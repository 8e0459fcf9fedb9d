// An example frontend: renders one story page as HTML from the delivery API
// alone, through the typed client. Everything below is checked by the
// compiler against the OpenAPI document (tsc --strict, no casts, no any).
//
//   npm run build && DELIVERY_URL=http://127.0.0.1:3000 node examples/frontend/render.ts [slug]
import { createDeliveryClient, type DeliveryPaths, type ResponseOf } from '#client';

type Story = ResponseOf<DeliveryPaths, 'get', '/content/v1/articles/{slug}'>;
type Block = Story['body'][number];
type Image = NonNullable<Story['leadImage']>;
type Summary = Story['related'][number];
type Span = Extract<Block, { type: 'paragraph' }>['spans'][number];
type Rail = ResponseOf<DeliveryPaths, 'get', '/content/v1/collections/{slug}'>;

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Inline marks, already parsed by the API: spans in order, never Markdown parsing here. */
function spans(list: readonly Span[]): string {
  return list
    .map((span) => {
      let html = escape(span.text);
      if (span.marks?.includes('italic')) html = `<em>${html}</em>`;
      if (span.marks?.includes('bold')) html = `<strong>${html}</strong>`;
      return span.href === undefined ? html : `<a href="${escape(span.href)}">${html}</a>`;
    })
    .join('');
}

/** `<picture>` with one `<source>` per format (the API groups the ladder), the largest JPEG as `<img>`. */
function picture(image: Image, sizes: string): string {
  const sources = image.sources
    .filter((source) => source.type !== 'image/jpeg')
    .map((source) => `<source type="${source.type}" srcset="${escape(source.srcset)}" sizes="${sizes}">`);
  const jpeg = image.sources.find((source) => source.type === 'image/jpeg');
  const size = image.width === null || image.height === null ? '' : ` width="${image.width}" height="${image.height}"`;
  const srcset = jpeg === undefined ? '' : ` srcset="${escape(jpeg.srcset)}" sizes="${sizes}"`;
  return `<picture>${sources.join('')}<img src="${escape(image.url)}"${srcset}${size} alt="${escape(image.alt)}"></picture>`;
}

/** Caption rule (stated in the schema): the block's caption when present, else the image's; the credit is always the image's creditLine. */
function figure(image: Image, caption: string | undefined, sizes: string): string {
  const text = caption ?? image.caption;
  return `<figure>${picture(image, sizes)}<figcaption>${escape(text)} <small class="credit">${escape(image.creditLine)}</small></figcaption></figure>`;
}

function card(article: Summary): string {
  const image = article.leadImage === null ? '' : picture(article.leadImage, '320px');
  return `<a class="card" href="${escape(article.url)}">${image}<span>${escape(article.headline)}</span></a>`;
}

function block(item: Block): string {
  switch (item.type) {
    case 'paragraph':
      return `<p>${spans(item.spans)}</p>`;
    case 'heading':
      return `<h${item.level}>${spans(item.spans)}</h${item.level}>`;
    case 'image':
      return figure(item.image, item.caption, '(min-width: 800px) 760px, 100vw');
    case 'quote':
      return `<blockquote><p>${spans(item.spans)}</p>${item.attribution === undefined ? '' : `<cite>${escape(item.attribution)}</cite>`}</blockquote>`;
    case 'list': {
      const tag = item.ordered ? 'ol' : 'ul';
      return `<${tag}>${item.itemSpans.map((line) => `<li>${spans(line)}</li>`).join('')}</${tag}>`;
    }
    case 'embed':
      return `<p class="embed"><a href="${escape(item.url)}">${escape(item.provider ?? item.url)}</a></p>`;
    case 'related':
      return `<aside class="read-more"><h2>Read more</h2>${card(item.article)}</aside>`;
    case 'audio':
      return `<audio controls src="${escape(item.audio.url)}"></audio>`;
  }
}

function rail(top: Rail): string {
  return `<nav class="rail"><h2>${escape(top.collection.name)}</h2><ol>${top.items.map((item) => `<li>${card(item.article)}</li>`).join('')}</ol></nav>`;
}

/** The story page: headline, standfirst, lead image (srcset, caption + credit), body, Read-more cards, the Top stories rail. */
export async function renderStory(baseUrl: string, slug: string, locale = 'en'): Promise<string> {
  const delivery = createDeliveryClient({ baseUrl });
  const story = await delivery.get('/content/v1/articles/{slug}', { params: { path: { slug }, query: { locale } } });
  const top = await delivery.get('/content/v1/collections/{slug}', { params: { path: { slug: 'top-stories' }, query: { locale } } });
  return [
    `<!doctype html><html lang="${escape(story.locale)}"><head><meta charset="utf-8"><title>${escape(story.seo.title)}</title></head><body>`,
    `<article><h1>${escape(story.headline)}</h1><p class="standfirst">${escape(story.standfirst)}</p>`,
    story.leadImage === null ? '' : figure(story.leadImage, undefined, '100vw'),
    ...story.body.map(block),
    `</article>`,
    rail(top),
    `</body></html>`,
  ].join('\n');
}

if (import.meta.main) {
  const html = await renderStory(process.env.DELIVERY_URL ?? 'http://127.0.0.1:3000', process.argv[2] ?? 'nato-reinforces-presence-in-kosovo');
  process.stdout.write(`${html}\n`);
}
