import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsInt, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsOmittable } from '#common';
import { MAX_COLLECTION_ITEMS } from '#content';
import { ListQueryDto } from '../common/list-query.dto.js';

export class CollectionListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ example: 'en' }) @IsOptional() @IsString() @MaxLength(35) locale?: string;
}

export class CreateCollectionDto {
  @ApiProperty({ example: 'top-stories' }) @IsString() @MaxLength(120) slug!: string;
  @ApiPropertyOptional({ example: 'en', description: 'defaults to the default locale' }) @IsOmittable() @IsString() @MaxLength(35) locale?: string;
  @ApiProperty({ example: 'Top stories' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({
    type: 'integer',
    nullable: true,
    minimum: 1,
    maximum: MAX_COLLECTION_ITEMS,
    description: 'the longest the list may be; null: no limit',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_COLLECTION_ITEMS)
  maxItems?: number | null;
}

export class UpdateCollectionDto {
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(120) slug?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional() @IsOmittable() @IsString() @MaxLength(2000) description?: string;
  @ApiPropertyOptional({ type: 'integer', nullable: true, minimum: 1, maximum: MAX_COLLECTION_ITEMS, description: 'null: no limit' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_COLLECTION_ITEMS)
  maxItems?: number | null;
}

export class ReplaceItemsDto {
  @ApiProperty({ type: [String], description: 'the whole list, in order' })
  @IsArray()
  @ArrayMaxSize(MAX_COLLECTION_ITEMS)
  @IsUUID('all', { each: true })
  articleIds!: string[];

  @ApiPropertyOptional({
    description: 'rail labels by article id, e.g. { "<id>": "FEATURE" }; null or absent: no label',
    type: 'object',
    additionalProperties: { type: ['string', 'null'], maxLength: 50 } as never,
  })
  @IsOptional()
  @IsObject()
  labels?: Record<string, string | null>;
}
