import type { Block } from '../articles/blocks.js';

/** Public representations of the delivery API (API.md). */
export interface ImageRef {
  id: string;
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
  caption: string;
  credit: string;
  creator: string;
  copyrightNotice: string;
  creditLine: string;
  isFilePhoto: boolean;
  focalPoint: { x: number; y: number };
  renditions: { width: number; format: string; url: string }[];
}

export interface AudioRef {
  id: string;
  url: string;
  mime: string;
  bytes: number;
  durationSeconds: number | null;
  caption: string;
  credit: string;
  creditLine: string;
}

export interface SectionRef {
  slug: string;
  name: string;
}

export interface ArticleSummary {
  id: string;
  slug: string;
  locale: string;
  kind: string;
  headline: string;
  standfirst: string;
  section: SectionRef | null;
  tags: { slug: string; name: string }[];
  authors: { slug: string; name: string }[];
  leadImage: ImageRef | null;
  publishedAt: string;
  updatedAt: string;
  url: string;
  episode?: { number: number | null; audio: AudioRef | null };
}

export type PublicBlock =
  | Exclude<Block, { type: 'image' } | { type: 'related' } | { type: 'audio' }>
  | { type: 'image'; image: ImageRef; caption?: string }
  | { type: 'related'; article: ArticleSummary }
  | { type: 'audio'; audio: AudioRef };

export interface FullArticle extends ArticleSummary {
  body: PublicBlock[];
  related: ArticleSummary[];
  corrections: { text: string; at: string }[];
  translations: { locale: string; slug: string; url: string; rtl: boolean }[];
  alternates: { hreflang: string; href: string }[];
  rtl: boolean;
  breadcrumb: SectionRef[];
  /** Share metadata; ogImage is what og:image needs (the full image is leadImage). */
  seo: { title: string; description: string; canonicalUrl: string; ogImage: { url: string; width: number | null; height: number | null; alt: string } | null };
  jsonLd: Record<string, unknown>;
}
