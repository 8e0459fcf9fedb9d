import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsDate, IsEmail, IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ROLES, type Role, IsOmittable } from '#common';
import { ListQueryDto } from '../common/list-query.dto.js';

export class LoginDto {
  @ApiProperty({ example: 'editor@dispatch.local' })
  @IsString()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ example: 'dispatch-editor-demo' })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class CreateUserDto {
  @ApiProperty()
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ minLength: 10 })
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  password!: string;
}

export class UpdateUserDto {
  @ApiPropertyOptional()
  @IsOmittable()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOmittable()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ minLength: 10 })
  @IsOmittable()
  @IsString()
  @MinLength(10)
  @MaxLength(1024)
  password?: string;

  @ApiPropertyOptional()
  @IsOmittable()
  @IsBoolean()
  disabled?: boolean;
}

export class UserListQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}

export class CreateApiTokenDto {
  @ApiProperty({ example: 'website build' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  name!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOmittable()
  @Type(() => Date)
  @IsDate()
  expiresAt?: Date;
}

export class AuditQueryDto extends ListQueryDto {
  @ApiPropertyOptional({ description: 'actor id (user or API token)' })
  @IsOptional()
  @IsUUID()
  actor?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(50)
  entityType?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time' })
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  since?: Date;
}
