export { assertSafeKey, contentKey, MEDIA_STORAGE } from './media/storage/media-storage.js';
export type { MediaStorage } from './media/storage/media-storage.js';
export { LocalMediaStorage } from './media/storage/local-media-storage.js';
export { creditLine, isCredited } from './media/credit-line.js';
export { RENDITION_FORMATS, RENDITION_WIDTHS, renditionPath, renditionWidths } from './media/renditions.js';
export type { RenditionFormat } from './media/renditions.js';
export { BLOCK_TYPES, blockMediaIds, blockRelatedIds, MAX_BLOCKS, MAX_BODY_TEXT, validateBlocks } from './article/blocks.js';
export type { Block } from './article/blocks.js';
export {
  AudioBlockSchema,
  BlockSchema,
  EmbedBlockSchema,
  HeadingBlockSchema,
  ImageBlockSchema,
  ListBlockSchema,
  ParagraphBlockSchema,
  QuoteBlockSchema,
  RelatedBlockSchema,
} from './article/blocks.schema.js';
export {
  ArticleContentSchema,
  ArticleLiveSchema,
  ArticleLockSchema,
  ArticlePageSchema,
  ArticleSchema,
  PublishFailureSchema,
  SeoSchema,
} from './article/article.schema.js';
export { FieldChangeSchema, RevisionComparisonSchema, RevisionPageSchema, RevisionSchema, RevisionSummarySchema } from './article/revision.schema.js';
export {
  ArticleHistoryEntrySchema,
  ArticleHistoryPageSchema,
  COMMENT_KINDS,
  CommentPageSchema,
  CommentSchema,
  PreviewLinkSchema,
} from './article/comment.schema.js';
export { EditionPageSchema, EditionSchema } from './edition/edition.schema.js';
export {
  FocalPointSchema,
  MEDIA_KINDS,
  MediaPageSchema,
  MediaSchema,
  MediaUploadFormSchema,
  MediaUploadResultSchema,
  MediaUsageSchema,
  MediaUserSchema,
} from './media/media.schema.js';
export { snapshotDocument, snapshotSummary } from './publishing/snapshot.js';
export type { SnapshotDocument, SnapshotSummary } from './publishing/snapshot.js';
export { afterFailure, MAX_RETRY_DELAY_MS, retryDelayMs } from './webhook/webhook-backoff.js';
export type { BackoffOptions } from './webhook/webhook-backoff.js';
export { WEBHOOK_EVENT_TYPES, WEBHOOK_PING_EVENT, webhookBody } from './webhook/webhook-event.js';
export type { WebhookEventType, WebhookPayload } from './webhook/webhook-event.js';
export { newWebhookSecret, signWebhookBody, verifyWebhookSignature } from './webhook/webhook-signature.js';
export { WebhookTargetError, WebhookUrlGuard } from './webhook/webhook-url-guard.js';
export { RESPONSE_EXCERPT_CHARS, sendWebhook } from './webhook/webhook-sender.js';
export type { WebhookRequest, WebhookResult } from './webhook/webhook-sender.js';
export { WebhookDeliveryService } from './webhook/webhook-delivery.service.js';
export { MIN_WEBHOOK_SECRET_LENGTH, WebhookSubscriptionService } from './webhook/webhook-subscription.service.js';
export type { CreateWebhookInput, UpdateWebhookInput, WebhookWithSecret } from './webhook/webhook-subscription.service.js';
export { WebhookDeliveryLogService } from './webhook/webhook-delivery-log.service.js';
export type { DeliveryLogQuery } from './webhook/webhook-delivery-log.service.js';
export { webhookBacklogRepository } from './webhook/webhook-backlog.repository.js';
export type { WebhookBacklog } from './webhook/webhook-backlog.repository.js';
export type { WebhookAttemptView, WebhookDeliveryView, WebhookView } from './webhook/webhook.mapper.js';
export { MediaModule } from './media/media.module.js';
export { MAX_IMAGE_ASPECT, MAX_IMAGE_SIDE, MediaIngestService } from './media/media-ingest.service.js';
export type { MediaMetadataInput, ReceivedFile, UploadResult } from './media/media-ingest.service.js';
export { MediaLibraryService } from './media/media-library.service.js';
export type { MediaListQuery, MediaUser } from './media/media-library.service.js';
export { creditXmp, MediaRenditionService } from './media/media-rendition.service.js';
export type { RenditionFile } from './media/media-rendition.service.js';
export { toMediaView } from './media/media.mapper.js';
export type { MediaView } from './media/media.mapper.js';
export { isServable, mediaPublishProblems } from './media/media-publish.js';
export type { MediaPublishProblem, PublishableMedia } from './media/media-publish.js';
export { ACCEPTED_IMAGE_MIMES, sniffMediaType } from './media/media-type.js';
export type { MediaKindName, SniffedType } from './media/media-type.js';
export { fromSegments, readEmbeddedMetadata } from './media/embedded-metadata.js';
export type { EmbeddedMetadata } from './media/embedded-metadata.js';
export { cropBox, isRenditionAspect, RENDITION_ASPECTS } from './media/rendition-geometry.js';
export type { CropBox, RenditionAspect } from './media/rendition-geometry.js';
export { createMediaStorage } from './media/storage/media-storage.provider.js';
export { S3MediaStorage } from './media/storage/s3-media-storage.js';
export { EditorialModule } from './editorial.module.js';
export { ARTICLE_KINDS } from './article/article.types.js';
export type { ArticleContent, ArticleListQuery, ArticleView, CreateArticleInput, Seo, UpdateArticleInput } from './article/article.types.js';
export { ArticleService } from './article/article.service.js';
export { RevisionService } from './article/revision.service.js';
export type { FieldChange, RevisionComparison, RevisionSummary, RevisionView } from './article/revision.service.js';
export { CommentService } from './article/comment.service.js';
export type { CommentView } from './article/comment.service.js';
export { PreviewService } from './article/preview.service.js';
export type { PreviewLink } from './article/preview.service.js';
export { TransitionService } from './workflow/transition.service.js';
export type { TransitionInput } from './workflow/transition.service.js';
export { ARTICLE_STATUSES, availableActions, decide, describeSources, TRANSITIONS, WORKFLOW_ACTIONS } from './workflow/workflow.js';
export type { ArticleStatus, WorkflowAction, WorkflowContext } from './workflow/workflow.js';
export { Publisher } from './publishing/publisher.js';
export { ScheduleService } from './publishing/schedule.service.js';
export { CONTENT_CHANNEL, notifyContentChange } from './publishing/content-notifications.js';
export type { ContentChangeNotice } from './publishing/content-notifications.js';
export { articlePublicUrl, articleSurrogateKeys, surrogateKey } from './publishing/public-urls.js';
export { previewKey, signPreviewToken, verifyPreviewToken } from './publishing/preview-token.js';
export { isValidSlug, slugify } from './shared/slug.js';
export { DeliveryModule } from './delivery/delivery.module.js';
export { DeliveryReader } from './delivery/delivery-reader.js';
export type { ListFilter, ListResult, SitemapRow } from './delivery/delivery-reader.js';
export { MediaAccess } from './delivery/media-access.js';
export { MediaCache } from './delivery/media-cache.js';
export { PublicMediaService } from './delivery/public-media.service.js';
export type { MediaCaching } from './delivery/public-media.service.js';
export { PreviewReader } from './delivery/preview-reader.js';
export { SyncReader } from './delivery/sync-reader.js';
export { localName, TaxonomyCache } from './delivery/taxonomy-cache.js';
export type { AuthorNode, LocaleNode, SectionNode, TagNode, TaxonomySnapshot } from './delivery/taxonomy-cache.js';
export type { ArticleSummary, AudioRef, FullArticle, ImageRef, PublicBlock, SyncItem, SyncPage } from './delivery/delivery.types.js';
export * from './delivery/delivery.schema.js';
export {
  atomFeed,
  hreflangAlternates,
  itunesDuration,
  jsonFeed,
  JsonFeedSchema,
  newsSitemap,
  robotsTxt,
  rssFeed,
  sitemapIndex,
  urlSet,
  xmlEscape,
} from './delivery/feeds.js';
export type { FeedItem, FeedSpec, JsonFeed, PodcastChannel } from './delivery/feeds.js';
export { FeedReader } from './delivery/feed-reader.js';
export type { SitemapLastmods } from './delivery/feed-reader.js';
export { NinjsSchema, toNinjs } from './delivery/ninjs.js';
export type { Ninjs } from './delivery/ninjs.js';
export { blocksToHtml, inlineHtml } from './delivery/html.js';
export { sectionTrail, soonest } from './delivery/representation.js';
export { TaxonomyModule } from './taxonomy/taxonomy.module.js';
export { CollectionModule } from './collection/collection.module.js';
export { EditionModule } from './edition/edition.module.js';
export { TagService } from './taxonomy/tag.service.js';
export type { CreateTagInput, TagListQuery, UpdateTagInput } from './taxonomy/tag.service.js';
export { TagMergeService } from './taxonomy/tag-merge.service.js';
export { SectionService } from './taxonomy/section.service.js';
export type { CreateSectionInput, SectionListQuery, UpdateSectionInput } from './taxonomy/section.service.js';
export { AuthorService } from './taxonomy/author.service.js';
export type { AuthorListQuery, CreateAuthorInput, UpdateAuthorInput } from './taxonomy/author.service.js';
export { LOCALE_CODE, LocaleService } from './taxonomy/locale.service.js';
export type { CreateLocaleInput, UpdateLocaleInput } from './taxonomy/locale.service.js';
export type { AuthorLink, AuthorView, LocaleView, SectionView, TagView } from './taxonomy/taxonomy.mapper.js';
export { CollectionService, MAX_COLLECTION_ITEMS } from './collection/collection.service.js';
export type { CollectionListQuery, CreateCollectionInput, ReplaceItemsInput, UpdateCollectionInput } from './collection/collection.service.js';
export type { CollectionItemView, CollectionView } from './collection/collection.mapper.js';
export { EditionService } from './edition/edition.service.js';
export type { EditionView } from './edition/edition.service.js';
export { MediaFileService, parseRange } from './media/media-file.service.js';
export type { MediaFile } from './media/media-file.service.js';
export {
  AuthorLinkSchema,
  AdminAuthorPageSchema,
  AuthorSchema,
  AdminLocalePageSchema,
  AdminLocaleSchema,
  AdminSectionPageSchema,
  SectionSchema,
  AdminTagPageSchema,
  TagSchema,
} from './taxonomy/taxonomy.schema.js';
export { AdminCollectionItemSchema, AdminCollectionPageSchema, CollectionSchema } from './collection/collection.schema.js';
export {
  WebhookAttemptSchema,
  WebhookDeliveryPageSchema,
  WebhookDeliverySchema,
  WebhookDeliveryWithAttemptsSchema,
  WebhookPageSchema,
  WebhookSchema,
  WebhookWithSecretSchema,
} from './webhook/webhook.schema.js';
export type { WebhookDeliveryWithAttempts } from './webhook/webhook.schema.js';
export {
  ARTICLE_POLICY,
  EDITOR_EDITABLE,
  isOwner,
  listingVisibility,
  MEDIA_POLICY,
  PERMISSION_POLICY,
  PERMISSIONS,
  roleAtLeast,
  roleHas,
} from './policy/access-policy.js';
export type { OwnedArticle, Permission, Verdict } from './policy/access-policy.js';
export { enforce } from './policy/policy-enforcement.js';
