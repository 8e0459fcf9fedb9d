import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { RENDITION_ASPECTS, type RenditionAspect } from '#content';

export class RenditionQueryDto {
  @ApiPropertyOptional({ enum: RENDITION_ASPECTS, description: 'crop to this aspect ratio around the focal point' })
  @IsOptional()
  @IsIn(RENDITION_ASPECTS)
  aspect?: RenditionAspect;
}
