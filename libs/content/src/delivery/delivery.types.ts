import type { Static } from '@sinclair/typebox';
import type {
  ArticleSummarySchema,
  AudioSchema,
  FullArticleSchema,
  ImageSchema,
  PublicBlockSchema,
  SectionRefSchema,
  SyncItemSchema,
  SyncPageSchema,
} from './delivery.schema.js';

/** Public representations of the delivery API: the types of their schemas (delivery.schema.ts). */
export type ImageRef = Static<typeof ImageSchema>;
export type AudioRef = Static<typeof AudioSchema>;
export type SectionRef = Static<typeof SectionRefSchema>;
export type ArticleSummary = Static<typeof ArticleSummarySchema>;
export type PublicBlock = Static<typeof PublicBlockSchema>;
export type FullArticle = Static<typeof FullArticleSchema>;
export type SyncItem = Static<typeof SyncItemSchema>;
export type SyncPage = Static<typeof SyncPageSchema>;
