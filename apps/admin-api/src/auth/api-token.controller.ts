import { Body, Param, Query } from '@nestjs/common';
import { type Actor } from '#common';
import { ApiTokenPageSchema, ApiTokenService, CreatedApiTokenSchema, CurrentActor, RequirePermission } from '#auth';
import { ListQueryDto } from '../common/list-query.dto.js';
import { UuidParam } from '../common/id-param.js';
import { AdminController, CreateRoute, DeleteRoute, ListRoute } from '../common/resource-routes.js';
import { CreateApiTokenDto } from './auth.dto.js';

const LIFETIME =
  'A token works until it expires or is revoked, and only while the user who created it is active: once that user is disabled, ' +
  'every request with their tokens is refused with 401 unauthenticated (they work again if the user is re-enabled; revoke them to end them for good).';

@AdminController('api-tokens')
@RequirePermission('api-tokens:manage')
export class ApiTokenController {
  constructor(private readonly tokens: ApiTokenService) {}

  @ListRoute({ summary: 'API tokens, newest first (never their values)', description: LIFETIME }, ApiTokenPageSchema)
  list(@Query() query: ListQueryDto) {
    return this.tokens.list(query);
  }

  @CreateRoute({ summary: 'Create a token; its value is in this response only', description: LIFETIME }, CreatedApiTokenSchema, [], {
    description: 'the token, with its value (`token`) in this response only',
  })
  create(@CurrentActor() actor: Actor, @Body() body: CreateApiTokenDto) {
    return this.tokens.create(actor, body);
  }

  @DeleteRoute('Revoke a token: refused (401) from the next request on')
  async revoke(@CurrentActor() actor: Actor, @Param('id', UuidParam) id: string): Promise<void> {
    await this.tokens.revoke(actor, id);
  }
}
