import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Actor, Problems, Responds } from '#common';
import { ApiTokenPageSchema, ApiTokenService, CreatedApiTokenSchema, CurrentActor, RequirePermission } from '#auth';
import { ListQueryDto } from '../common/list-query.dto.js';
import { UuidParam } from '../common/id-param.js';
import { CreateApiTokenDto } from './auth.dto.js';

const LIFETIME =
  'A token works until it expires or is revoked, and only while the user who created it is active: once that user is disabled, ' +
  'every request with their tokens is refused with 401 unauthenticated (they work again if the user is re-enabled; revoke them to end them for good).';

@ApiTags('api-tokens')
@ApiBearerAuth()
@RequirePermission('api-tokens:manage')
@Controller('api-tokens')
export class ApiTokenController {
  constructor(private readonly tokens: ApiTokenService) {}

  @Get()
  @ApiOperation({ summary: 'API tokens, newest first (never their values)', description: LIFETIME })
  @Responds(200, ApiTokenPageSchema)
  list(@Query() query: ListQueryDto) {
    return this.tokens.list(query);
  }

  @Post()
  @ApiOperation({ summary: 'Create a token; its value is in this response only', description: LIFETIME })
  @Responds(201, CreatedApiTokenSchema, { description: 'the token, with its value (`token`) in this response only' })
  create(@CurrentActor() actor: Actor, @Body() body: CreateApiTokenDto) {
    return this.tokens.create(actor, body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Revoke a token: refused (401) from the next request on' })
  @Responds(204, null)
  @Problems('not_found')
  async revoke(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.tokens.revoke(actor, id);
  }
}
