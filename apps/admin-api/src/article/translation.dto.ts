import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';

export class LinkTranslationDto {
  @ApiProperty({ description: 'an article in another language' }) @IsUUID() articleId!: string;
}
