import { Controller, Get } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Public } from '#common';
import { RequirePermission } from './access.decorators.js';
import { RouteAccessCheck } from './route-access.check.js';

async function checkWith(controller: new () => unknown): Promise<RouteAccessCheck> {
  const moduleRef = await Test.createTestingModule({ imports: [DiscoveryModule], controllers: [controller], providers: [RouteAccessCheck] }).compile();
  return moduleRef.get(RouteAccessCheck);
}

describe('RouteAccessCheck', () => {
  it('refuses a method permission under a class-level @Public(), which would silently open it', async () => {
    @Public()
    @Controller('open')
    class OpenController {
      @Get('secret')
      @RequirePermission('users:manage')
      secret() {
        return 'users';
      }
    }
    const check = await checkWith(OpenController);
    expect(() => check.onModuleInit()).toThrow(/both @Public\(\) and a permission: OpenController.secret/);
  });

  it('refuses @Public() and a permission on the same handler', async () => {
    @Controller('both')
    class BothController {
      @Get()
      @Public()
      @RequirePermission('audit:read')
      both() {
        return 'audit';
      }
    }
    const check = await checkWith(BothController);
    expect(() => check.onModuleInit()).toThrow(/BothController.both/);
  });

  it('accepts a public method in a controller that requires a permission, and reports each route’s access', async () => {
    @RequirePermission('tags:manage')
    @Controller('mixed')
    class MixedController {
      @Get('open')
      @Public()
      open() {
        return 'open';
      }

      @Get('closed')
      closed() {
        return 'closed';
      }
    }
    const check = await checkWith(MixedController);
    expect(() => check.onModuleInit()).not.toThrow();
    expect(check.routes().map((route) => [route.handler, route.access])).toEqual([
      ['open', 'public'],
      ['closed', 'tags:manage'],
    ]);
  });
});
