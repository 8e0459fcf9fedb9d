import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsDate, IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, ValidateIf, ValidateNested } from 'class-validator';
import { DomainError } from '#common';
import { ListQueryDto } from '../common/list-query.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.replace(/\s+/g, ' ').trim() : value);
/** Present (not undefined) values are validated; null is refused unless the field says otherwise. */
const Given = () => ValidateIf((_, value) => value !== undefined);

export class FocalPointDto {
  @ApiProperty({ minimum: 0, maximum: 1, example: 0.5 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  x!: number;

  @ApiProperty({ minimum: 0, maximum: 1, example: 0.4 })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  y!: number;
}

/** Editorial metadata of an asset: PATCH /media/:id (JSON), and the optional fields of an upload. */
export class MediaMetadataDto {
  @ApiPropertyOptional({ maxLength: 2000, example: 'FILE PHOTO: NATO troops guard a checkpoint near the village of Leposavic, northern Kosovo.' })
  @Given()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  caption?: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'agency or source', example: 'AP Photo' })
  @Given()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  credit?: string;

  @ApiPropertyOptional({ maxLength: 300, description: 'photographer or author of the work', example: 'Bojan Slavkovic' })
  @Given()
  @Transform(trim)
  @IsString()
  @MaxLength(300)
  creator?: string;

  @ApiPropertyOptional({ maxLength: 500 })
  @Given()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  copyrightNotice?: string;

  @ApiPropertyOptional({ maxLength: 2000, description: 'usage terms or licence' })
  @Given()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  usageTerms?: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @Given()
  @Transform(trim)
  @IsString()
  @MaxLength(1000)
  altText?: string;

  @ApiPropertyOptional({ type: FocalPointDto })
  @Given()
  @ValidateNested()
  @Type(() => FocalPointDto)
  focalPoint?: FocalPointDto;

  @ApiPropertyOptional()
  @Given()
  @IsBoolean()
  isFilePhoto?: boolean;

  @ApiPropertyOptional({
    type: String,
    maxLength: 500,
    nullable: true,
    description: 'IPTC digital source type, e.g. trainedAlgorithmicMedia for AI-generated imagery',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(500)
  digitalSourceType?: string | null;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true, description: 'after this the asset may not be published' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  rightsExpireAt?: Date | null;
}

export class MediaListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ maxLength: 200, description: 'searches caption, credit and creator' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;

  @ApiPropertyOptional({ enum: ['image', 'audio', 'video'] })
  @IsOptional()
  @IsIn(['image', 'audio', 'video'])
  kind?: 'image' | 'audio' | 'video';

  @ApiPropertyOptional({ type: Boolean, description: 'true: only assets with neither credit nor creator; false: only credited ones' })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  missingCredit?: boolean;
}

/**
 * Multipart fields arrive as strings: turn them into the JSON shapes the DTO
 * validates (booleans, the focal point as `{"x":…,"y":…}` or "x,y", "" → null
 * for nullable fields).
 */
export function multipartMetadata(fields: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  if ('isFilePhoto' in fields) out.isFilePhoto = fields.isFilePhoto === 'true' ? true : fields.isFilePhoto === 'false' ? false : fields.isFilePhoto;
  for (const nullable of ['digitalSourceType', 'rightsExpireAt'] as const) {
    if (nullable in fields && fields[nullable].trim() === '') out[nullable] = null;
  }
  if ('focalPoint' in fields) out.focalPoint = parseFocalPoint(fields.focalPoint);
  return out;
}

function parseFocalPoint(value: string): unknown {
  const pair = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s*$/.exec(value);
  if (pair) return { x: Number(pair[1]), y: Number(pair[2]) };
  try {
    return JSON.parse(value) as unknown;
  } catch {
    throw DomainError.validation([{ path: 'focalPoint', message: 'must be {"x":0–1,"y":0–1} or "x,y"' }]);
  }
}
