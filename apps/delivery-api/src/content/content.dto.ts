import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { ARTICLE_KINDS } from '#content';

const SLUG = /^[\p{Ll}\p{Lo}\p{Lm}\p{N}]+(?:-[\p{Ll}\p{Lo}\p{Lm}\p{N}]+)*$/u;
const LOCALE = /^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})?$/;

export class PageQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 20 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(100) limit: number = 20;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cursor?: string;
}

export class LocaleQueryDto {
  @ApiPropertyOptional({ example: 'en', description: 'defaults to the default locale' }) @IsOptional() @Matches(LOCALE) locale?: string;
}

export class ArticleListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'section slug (includes its descendants)' }) @IsOptional() @Matches(SLUG) @MaxLength(120) section?: string;
  @ApiPropertyOptional({ description: 'tag slug' }) @IsOptional() @Matches(SLUG) @MaxLength(120) tag?: string;
  @ApiPropertyOptional({ description: 'author slug' }) @IsOptional() @Matches(SLUG) @MaxLength(120) author?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(LOCALE) locale?: string;
  @ApiPropertyOptional({ enum: ARTICLE_KINDS }) @IsOptional() @IsIn(ARTICLE_KINDS) kind?: string;
  @ApiPropertyOptional({ description: 'full-text query (same as /search)' }) @IsOptional() @IsString() @MinLength(1) @MaxLength(200) q?: string;
}

/** A section, tag or author page: its latest articles. */
export class ListingQueryDto extends PageQueryDto {
  @ApiPropertyOptional() @IsOptional() @Matches(LOCALE) locale?: string;
}

export class ArticleQueryDto extends LocaleQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'ninjs'], description: 'ninjs: IPTC ninjs 2.0 for news partners' })
  @IsOptional()
  @IsIn(['json', 'ninjs'])
  format?: string;
}

export class SearchQueryDto extends PageQueryDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) q!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(LOCALE) locale?: string;
}

export class FeedQueryDto {
  @ApiPropertyOptional({ description: 'section slug (includes its descendants); unknown → 400', pattern: SLUG.source, maxLength: 120 })
  @IsOptional()
  @Matches(SLUG)
  @MaxLength(120)
  section?: string;
  @ApiPropertyOptional({ description: 'tag slug (a merged tag’s old slug works); unknown → 400', pattern: SLUG.source, maxLength: 120 })
  @IsOptional()
  @Matches(SLUG)
  @MaxLength(120)
  tag?: string;
  @ApiPropertyOptional({ description: 'one configured locale; defaults to the default locale', pattern: LOCALE.source, example: 'en' })
  @IsOptional()
  @Matches(LOCALE)
  locale?: string;
}

export class SyncQueryDto {
  @ApiPropertyOptional({ description: 'syncToken from the previous call; omit for a full first sync' })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  token?: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(1000) limit: number = 100;
}

export class PreviewQueryDto {
  @ApiProperty() @IsString() @MaxLength(512) token!: string;
}

export const SLUG_PATTERN = SLUG;
