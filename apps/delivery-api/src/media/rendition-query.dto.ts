import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { RENDITION_ASPECTS, type RenditionAspect } from '#content';

const TOKEN_DESCRIPTION =
  'a preview token (as in the preview route’s media URLs): reaches media of the previewed working copy that nothing live shows yet; such responses are `private, no-store`';

/** ?token= on a media URL. */
export class MediaFileQueryDto {
  @ApiPropertyOptional({ description: TOKEN_DESCRIPTION })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  token?: string;
}

export class RenditionQueryDto extends MediaFileQueryDto {
  @ApiPropertyOptional({ enum: RENDITION_ASPECTS, description: 'crop to this aspect ratio around the focal point' })
  @IsOptional()
  @IsIn(RENDITION_ASPECTS)
  aspect?: RenditionAspect;
}
