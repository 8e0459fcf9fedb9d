import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#common';
import { ApiTokenService, CurrentActor, RequirePermission } from '#auth';
import { ListQueryDto } from '../common/list-query.dto.js';
import { UuidParam } from '../common/id-param.js';
import { CreateApiTokenDto } from './auth.dto.js';

@ApiTags('api-tokens')
@ApiBearerAuth()
@RequirePermission('api-tokens:manage')
@Controller('api-tokens')
export class ApiTokenController {
  constructor(private readonly tokens: ApiTokenService) {}

  @Get()
  list(@Query() query: ListQueryDto) {
    return this.tokens.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a token; its value is in this response only' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateApiTokenDto) {
    return this.tokens.create(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async revoke(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.tokens.revoke(actor, id);
  }
}
