import { Body, Controller, Get, Headers, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { type Actor, Public } from '#common';
import { AuthService, CurrentActor, RequirePermission, UserService } from '#auth';
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
  login(@Body() body: LoginDto, @Req() request: FastifyRequest) {
    return this.auth.login(body.email, body.password, { ip: request.ip, userAgent: request.headers['user-agent'] });
  }

  @RequirePermission('profile:read')
  @Post('auth/logout')
  @HttpCode(204)
  @ApiBearerAuth()
  async logout(@Headers('authorization') authorization: string): Promise<void> {
    await this.auth.logout(authorization.replace(/^Bearer\s+/i, '').trim());
  }

  @RequirePermission('profile:read')
  @Get('me')
  @ApiBearerAuth()
  @ApiOperation({ summary: 'The current user (or API token)' })
  async me(@CurrentActor() actor: Actor) {
    if (actor.type === 'user' && actor.userId) return { ...(await this.users.get(actor.userId)), type: 'user' as const };
    return { id: actor.id, name: actor.name, role: actor.role, type: actor.type };
  }
}
