import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDate,
  IsIn,
  IsInt,
  IsISO8601,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { componentName, INT4_MAX, IsOmittable } from '#common';
import {
  ARTICLE_KINDS,
  ARTICLE_STATUSES,
  BlockSchema,
  MAX_BLOCKS,
  MAX_BODY_TEXT,
  WORKFLOW_ACTIONS,
  type ArticleStatus,
  type Block,
  type WorkflowAction,
} from '#content';
import type { ArticleKind } from '#database';
import { ListQueryDto } from '../common/list-query.dto.js';

// A nullable field must name its type: without it swagger writes `{type: object}`.
const NULLABLE_UUID = { type: String, format: 'uuid', nullable: true } as const;
const NULLABLE_TIME = { type: String, format: 'date-time', nullable: true } as const;
const UUIDS = { type: 'array', items: { type: 'string', format: 'uuid' } } as const;

export class SeoDto {
  @ApiPropertyOptional({ maxLength: 300 }) @IsOmittable() @IsString() @MaxLength(300) title?: string;
  @ApiPropertyOptional({ maxLength: 1000 }) @IsOmittable() @IsString() @MaxLength(1000) description?: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'an absolute http(s) URL' })
  @IsOmittable()
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true })
  @MaxLength(2000)
  canonicalUrl?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'the share image; the lead image when absent' }) @IsOmittable() @IsUUID() ogImageMediaId?: string;
}

/** Editable fields; absent fields are left as they are, null clears. */
export class ArticleFieldsDto {
  @ApiPropertyOptional({ enum: ARTICLE_KINDS }) @IsOmittable() @IsIn(ARTICLE_KINDS) kind?: ArticleKind;
  @ApiPropertyOptional({ maxLength: 120, description: 'unique within the locale; generated from the headline when omitted at creation' })
  @IsOmittable()
  @IsString()
  @MaxLength(120)
  slug?: string;
  @ApiPropertyOptional({ maxLength: 500 }) @IsOmittable() @IsString() @MaxLength(500) headline?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOmittable() @IsString() @MaxLength(2000) standfirst?: string;

  @ApiPropertyOptional({
    description: `At most ${MAX_BLOCKS} blocks and ${MAX_BODY_TEXT} characters of text in all (else 400 validation_failed at path "body"); search indexes the first 100,000 characters.`,
    type: 'array',
    // The same component the responses use: a block reads back as it was written.
    items: { $ref: `#/components/schemas/${componentName(BlockSchema)!}` },
    maxItems: MAX_BLOCKS,
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(500)
  body?: Block[];

  @ApiPropertyOptional({ ...NULLABLE_UUID }) @IsOptional() @IsUUID() sectionId?: string | null;
  @ApiPropertyOptional({ ...UUIDS, maxItems: 50 }) @IsOmittable() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) tagIds?: string[];
  @ApiPropertyOptional({ ...UUIDS, maxItems: 20, description: 'bylines, in order; at creation the caller’s own byline when omitted' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  authorIds?: string[];
  @ApiPropertyOptional({ ...NULLABLE_UUID, description: 'the lead image' }) @IsOptional() @IsUUID() leadMediaId?: string | null;
  @ApiPropertyOptional({ ...UUIDS, maxItems: 20 }) @IsOmittable() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) relatedArticleIds?: string[];

  @ApiPropertyOptional({ type: SeoDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => SeoDto)
  seo?: SeoDto;

  @ApiPropertyOptional({ ...NULLABLE_TIME, description: 'not public before this time' }) @IsOptional() @IsISO8601({ strict: true }) embargoUntil?:
    string | null;
  @ApiPropertyOptional({ ...NULLABLE_TIME, description: 'set by the schedule transition' }) @IsOptional() @IsISO8601({ strict: true }) publishAt?:
    string | null;
  @ApiPropertyOptional({ ...NULLABLE_TIME, description: 'the worker unpublishes a live article then' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expireAt?: string | null;
  @ApiPropertyOptional({ ...NULLABLE_UUID, description: "a podcast episode's audio" }) @IsOptional() @IsUUID() audioMediaId?: string | null;
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 1_000_000, nullable: true })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  episodeNumber?: number | null;
  @ApiPropertyOptional({ ...NULLABLE_UUID, description: 'a user' }) @IsOptional() @IsUUID() assigneeId?: string | null;
}

export class CreateArticleDto extends ArticleFieldsDto {
  @ApiPropertyOptional({ example: 'en', maxLength: 10, description: 'a configured locale; defaults to the default locale' })
  @IsOmittable()
  @IsString()
  @MaxLength(10)
  locale?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    description: 'an article in another language, which the caller may edit (contributors: their own; else 403): the new one joins its translation group',
  })
  @IsOmittable()
  @IsUUID()
  translationOf?: string;
}

export class UpdateArticleDto extends ArticleFieldsDto {}

export class CorrectionDto {
  @ApiProperty({ maxLength: 2000 }) @IsString() @MaxLength(2000) text!: string;
}

export class TransitionDto {
  @ApiProperty({ enum: WORKFLOW_ACTIONS }) @IsIn(WORKFLOW_ACTIONS) action!: WorkflowAction;
  @ApiPropertyOptional({ maxLength: 5000, description: 'required for request_changes' }) @IsOmittable() @IsString() @MaxLength(5000) comment?: string;
  @ApiPropertyOptional({ maxLength: 2000, description: 'required for unpublish' }) @IsOmittable() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'required for schedule: in the future, not before embargoUntil' })
  @IsOmittable()
  @Type(() => Date)
  @IsDate()
  publishAt?: Date;
  @ApiPropertyOptional({ type: CorrectionDto, description: 'publish: a public correction note' })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => CorrectionDto)
  correction?: CorrectionDto;
  @ApiPropertyOptional({ description: 'publish: moves the public "updated" time' }) @IsOmittable() @IsBoolean() significantUpdate?: boolean;
}

export class ArticleListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ARTICLE_STATUSES }) @IsOptional() @IsIn(ARTICLE_STATUSES) status?: ArticleStatus;
  @ApiPropertyOptional({ format: 'uuid', description: 'a section id' }) @IsOptional() @IsUUID() section?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a tag id' }) @IsOptional() @IsUUID() tag?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'an author id' }) @IsOptional() @IsUUID() author?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a user id' }) @IsOptional() @IsUUID() assignee?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'a user id: the articles this user created (the Desk\'s "Mine")' })
  @IsOptional()
  @IsUUID()
  createdBy?: string;
  @ApiPropertyOptional({ maxLength: 10 }) @IsOptional() @IsString() @MaxLength(10) locale?: string;
  @ApiPropertyOptional({ enum: ARTICLE_KINDS }) @IsOptional() @IsIn(ARTICLE_KINDS) kind?: ArticleKind;
  @ApiPropertyOptional({ maxLength: 200, description: 'searches headlines' }) @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class CommentDto {
  @ApiProperty({ maxLength: 5000 }) @IsString() @MaxLength(5000) body!: string;
}

export class LockDto {
  @ApiPropertyOptional({ description: 'editors: take over a lock someone else holds' }) @IsOmittable() @IsBoolean() takeOver?: boolean;
}

export class CompareQueryDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'a revision number' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  from!: number;
  @ApiProperty({ type: 'integer', minimum: 1, maximum: INT4_MAX, description: 'a revision number' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(INT4_MAX)
  to!: number;
}
