import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class LinkTranslationDto {
  @ApiProperty({ format: 'uuid', description: 'an article in another language (with the editions already linked to it)' }) @IsUUID() articleId!: string;
}
