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
import { INT4_MAX, IsOmittable } from '#common';
import { ARTICLE_KINDS, ARTICLE_STATUSES, MAX_BODY_TEXT, WORKFLOW_ACTIONS, type ArticleStatus, type Block, type WorkflowAction } from '#content';
import type { ArticleKind } from '#database';
import { ListQueryDto } from '../common/list-query.dto.js';

export class SeoDto {
  @IsOmittable() @IsString() @MaxLength(300) title?: string;
  @IsOmittable() @IsString() @MaxLength(1000) description?: string;
  @IsOmittable() @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2000) canonicalUrl?: string;
  @IsOmittable() @IsUUID() ogImageMediaId?: string;
}

/** Editable fields; absent fields are left as they are, null clears. */
export class ArticleFieldsDto {
  @ApiPropertyOptional({ enum: ARTICLE_KINDS }) @IsOmittable() @IsIn(ARTICLE_KINDS) kind?: ArticleKind;
  @ApiPropertyOptional({ description: 'generated from the headline when omitted at creation' }) @IsOmittable() @IsString() @MaxLength(120) slug?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(500) headline?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) standfirst?: string;

  @ApiPropertyOptional({
    description: `Block[]: paragraph, heading, image, quote, list, embed, related, audio. At most 500 blocks and ${MAX_BODY_TEXT} characters of text in all (else 400 validation_failed at path "body"); search indexes the first 100,000 characters.`,
    type: 'array',
    items: { type: 'object' },
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(500)
  body?: Block[];

  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() sectionId?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOmittable() @IsArray() @ArrayMaxSize(50) @IsUUID('all', { each: true }) tagIds?: string[];
  @ApiPropertyOptional({ type: [String] }) @IsOmittable() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) authorIds?: string[];
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() leadMediaId?: string | null;
  @ApiPropertyOptional({ type: [String] }) @IsOmittable() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) relatedArticleIds?: string[];

  @ApiPropertyOptional({ type: SeoDto })
  @IsOmittable()
  @IsObject()
  @ValidateNested()
  @Type(() => SeoDto)
  seo?: SeoDto;

  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) embargoUntil?: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) publishAt?: string | null;
  @ApiPropertyOptional({ nullable: true, format: 'date-time' }) @IsOptional() @IsISO8601({ strict: true }) expireAt?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() audioMediaId?: string | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsInt() @Min(0) @Max(1_000_000) episodeNumber?: number | null;
  @ApiPropertyOptional({ nullable: true }) @IsOptional() @IsUUID() assigneeId?: string | null;
}

export class CreateArticleDto extends ArticleFieldsDto {
  @ApiPropertyOptional({ example: 'en', description: 'defaults to the default locale' })
  @IsOmittable()
  @IsString()
  @MaxLength(10)
  locale?: string;

  @ApiPropertyOptional({
    description: 'an article in another language, which the caller may edit (contributors: their own; else 403): the new one joins its translation group',
  })
  @IsOmittable()
  @IsUUID()
  translationOf?: string;
}

export class UpdateArticleDto extends ArticleFieldsDto {}

export class CorrectionDto {
  @ApiProperty() @IsString() @MaxLength(2000) text!: string;
}

export class TransitionDto {
  @ApiProperty({ enum: WORKFLOW_ACTIONS }) @IsIn(WORKFLOW_ACTIONS) action!: WorkflowAction;
  @ApiPropertyOptional({ description: 'required for request_changes' }) @IsOmittable() @IsString() @MaxLength(5000) comment?: string;
  @ApiPropertyOptional({ description: 'required for unpublish' }) @IsOmittable() @IsString() @MaxLength(2000) reason?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'required for schedule' }) @IsOmittable() @Type(() => Date) @IsDate() publishAt?: Date;
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
  @ApiPropertyOptional() @IsOptional() @IsUUID() section?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() tag?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() author?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() assignee?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10) locale?: string;
  @ApiPropertyOptional({ enum: ARTICLE_KINDS }) @IsOptional() @IsIn(ARTICLE_KINDS) kind?: ArticleKind;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) q?: string;
}

export class CommentDto {
  @ApiProperty() @IsString() @MaxLength(5000) body!: string;
}

export class LockDto {
  @ApiPropertyOptional({ description: 'editors: take over a lock someone else holds' }) @IsOmittable() @IsBoolean() takeOver?: boolean;
}

export class CompareQueryDto {
  @ApiProperty({ minimum: 1, maximum: INT4_MAX }) @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX) from!: number;
  @ApiProperty({ minimum: 1, maximum: INT4_MAX }) @Type(() => Number) @IsInt() @Min(1) @Max(INT4_MAX) to!: number;
}
