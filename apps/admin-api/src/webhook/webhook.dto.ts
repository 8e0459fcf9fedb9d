import { ApiProperty, ApiPropertyOptional, OmitType, PartialType } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { IsOmittable } from '#common';
import { MIN_WEBHOOK_SECRET_LENGTH, WEBHOOK_EVENT_TYPES } from '#content';
import { ListQueryDto } from '../common/list-query.dto.js';

const DELIVERY_STATUSES = ['pending', 'succeeded', 'failed'] as const;

export class CreateWebhookDto {
  @ApiProperty({ example: 'https://example.com/hooks/dispatch' })
  @IsString()
  @MaxLength(2048)
  url!: string;

  @ApiPropertyOptional({
    enum: WEBHOOK_EVENT_TYPES,
    isArray: true,
    description:
      'Empty or absent: every event. article.publish_failed carries { article, attempt, code, error, willRetry, nextAttemptAt } when a scheduled publish fails',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  events?: string[];

  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  description?: string;

  @ApiPropertyOptional({ description: 'Generated when absent; shown in this response only', minLength: MIN_WEBHOOK_SECRET_LENGTH })
  @IsOmittable()
  @IsString()
  @MinLength(MIN_WEBHOOK_SECRET_LENGTH)
  @MaxLength(256)
  secret?: string;

  @ApiPropertyOptional({ default: true })
  @IsOmittable()
  @IsBoolean()
  active?: boolean;
}

/** Any of url, events, description, active; the secret changes only by rotation. */
export class UpdateWebhookDto extends PartialType(OmitType(CreateWebhookDto, ['secret'] as const)) {}

export class RotateSecretDto {
  @ApiPropertyOptional({ description: 'Generated when absent', minLength: MIN_WEBHOOK_SECRET_LENGTH })
  @IsOmittable()
  @IsString()
  @MinLength(MIN_WEBHOOK_SECRET_LENGTH)
  @MaxLength(256)
  secret?: string;
}

export class DeliveryQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: (typeof DELIVERY_STATUSES)[number];

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  eventType?: string;
}
