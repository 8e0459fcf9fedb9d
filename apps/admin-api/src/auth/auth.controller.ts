import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type Actor, DomainError, Problems, Public, Responds } from '#common';
import { AuthService, CurrentActor, LoginResultSchema, MeSchema, type LoginResult, type MeView, RequirePermission, UserService } from '#auth';
import { LoginDto } from './auth.dto.js';

@ApiTags('auth')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UserService,
  ) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a bearer token (rate-limited per account and per IP)' })
  @Responds(200, LoginResultSchema)
  @Problems('unauthenticated', 'rate_limited')
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResult> {
    return this.auth.login(body.email, body.password, { ip: request.ip, userAgent: request.headers['user-agent'] });
  }

  @RequirePermission('profile:read')
  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its token is refused (401) from the next request on' })
  @Responds(204, null)
  async logout(@Req() request: FastifyRequest): Promise<void> {
    // Read from the request, not as a parameter: OpenAPI leaves Authorization to the security scheme.
    await this.auth.logout((request.headers.authorization ?? '').replace(/^Bearer\s+/i, '').trim());
  }

  @RequirePermission('profile:read')
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The current user (or API token)' })
  @Responds(200, MeSchema, { description: 'the user for a session token, the token itself for an API token' })
  async me(@CurrentActor() actor: Actor): Promise<MeView> {
    if (actor.type === 'user' && actor.userId) return { ...(await this.users.get(actor.userId)), type: 'user' as const };
    if (actor.type === 'api_token' && actor.id) return { id: actor.id, name: actor.name, role: actor.role, type: 'api_token' };
    // Only sessions and API tokens hold profile:read (the operator token does not), so nothing else gets here.
    throw new DomainError('forbidden', 'Only a user or an API token has a profile');
  }
}
