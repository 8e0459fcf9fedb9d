import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable } from '#common';
import { ListQueryDto } from '../common/list-query.dto.js';

const NAMES_DOC = { description: 'names per locale, e.g. { "ru": "НАТО" }', type: 'object', additionalProperties: { type: 'string' } } as const;

export class SearchListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'name or slug contains' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class CreateTagDto {
  @ApiProperty({ example: 'NATO' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional({ description: 'made from the name when omitted' }) @IsOmittable() @IsString() @MaxLength(120) slug?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional(NAMES_DOC) @IsOmittable() @IsObject() names?: Record<string, string>;
}

export class UpdateTagDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ description: 'a new slug; the old one keeps answering (301) for this tag' }) @IsOmittable() @IsString() @MaxLength(120) slug?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional(NAMES_DOC) @IsOmittable() @IsObject() names?: Record<string, string>;
}

export class MergeTagDto {
  @ApiProperty({ description: 'the tag that stays' }) @IsUUID() intoId!: string;
}

export class DeleteTagQueryDto {
  @ApiPropertyOptional({ enum: ['true', 'false'], description: 'delete even when articles use it (their links go)' })
  @IsOptional()
  @IsIn(['true', 'false'])
  force?: 'true' | 'false';
}

export class SectionListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'children of this section id, or "root" for top-level sections' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  parentId?: string;
}

export class CreateSectionDto {
  @ApiProperty({ example: 'World News' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(120) slug?: string;
  @ApiPropertyOptional(NAMES_DOC) @IsOmittable() @IsObject() names?: Record<string, string>;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'the parent section; null or absent: top level' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
  @ApiPropertyOptional({ description: 'order among siblings; last when omitted' }) @IsOmittable() @IsInt() @Min(0) @Max(1_000_000) position?: number;
}

export class UpdateSectionDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(120) slug?: string;
  @ApiPropertyOptional(NAMES_DOC) @IsOmittable() @IsObject() names?: Record<string, string>;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(5000) description?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'move under this section; null moves to the top level' })
  @IsOptional()
  @IsUUID()
  parentId?: string | null;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(1_000_000) position?: number;
}

export class AuthorLinkDto {
  @ApiProperty({ example: 'Twitter' }) @IsString() @MinLength(1) @MaxLength(100) label!: string;
  @ApiProperty({ example: 'https://example.com/@reporter' }) @IsUrl({ protocols: ['http', 'https'], require_protocol: true }) @MaxLength(2000) url!: string;
}

export class CreateAuthorDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(120) slug?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(10_000) bio?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'an image' }) @IsOptional() @IsUUID() photoMediaId?: string | null;

  @ApiPropertyOptional({ type: [AuthorLinkDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AuthorLinkDto)
  links?: AuthorLinkDto[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true, description: 'the user whose byline this is' }) @IsOptional() @IsUUID() userId?:
    string | null;
}

export class UpdateAuthorDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(120) slug?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(10_000) bio?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() photoMediaId?: string | null;

  @ApiPropertyOptional({ type: [AuthorLinkDto] })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => AuthorLinkDto)
  links?: AuthorLinkDto[];

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true }) @IsOptional() @IsUUID() userId?: string | null;
}

export class CreateLocaleDto {
  @ApiProperty({ example: 'uk' }) @IsString() @MaxLength(35) code!: string;
  @ApiProperty({ example: 'Ukrainian' }) @IsString() @MinLength(1) @MaxLength(100) name!: string;
  @ApiProperty({ example: 'Українська' }) @IsString() @MinLength(1) @MaxLength(100) nativeName!: string;
  @ApiPropertyOptional({ description: 'written right to left' }) @IsOmittable() @IsBoolean() rtl?: boolean;
  @ApiPropertyOptional({ description: 'making this the default unsets the previous one' }) @IsOmittable() @IsBoolean() isDefault?: boolean;
  @ApiPropertyOptional({ description: 'a PostgreSQL text search configuration (pg_ts_config): simple, english, russian, …' })
  @IsOmittable()
  @IsString()
  @MaxLength(63)
  searchConfig?: string;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(10_000) position?: number;
}

export class UpdateLocaleDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(100) nativeName?: string;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() rtl?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsBoolean() isDefault?: boolean;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(63) searchConfig?: string;
  @ApiPropertyOptional() @IsOmittable() @IsInt() @Min(0) @Max(10_000) position?: number;
}
