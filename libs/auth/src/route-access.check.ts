import { Injectable, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { PUBLIC_ROUTE } from '#common';
import { REQUIRED_PERMISSION } from './access.decorators.js';

export interface RouteAccess {
  controller: string;
  handler: string;
  access: string;
  /** HTTP method, e.g. "GET". */
  method: string;
  /** Path under the app's prefix, e.g. "/articles/:id/transitions". */
  path: string;
}

/**
 * Refuses to start an app in which a route handler declares neither a
 * permission nor @Public(): new routes cannot slip in unguarded.
 */
@Injectable()
export class RouteAccessCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const unguarded = this.routes().filter((route) => route.access === 'none');
    if (unguarded.length > 0) {
      throw new Error(`routes without a declared permission: ${unguarded.map((route) => `${route.controller}.${route.handler}`).join(', ')}`);
    }
  }

  /** Every route handler with the access it declares ("public", a permission, or "none"). */
  routes(): RouteAccess[] {
    const out: RouteAccess[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const targets = [handler, metatype];
        const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets);
        const permission = this.reflector.getAllAndOverride<string | undefined>(REQUIRED_PERMISSION, targets);
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
        const path = joinPath(
          Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined,
          Reflect.getMetadata(PATH_METADATA, handler) as string | string[],
        );
        out.push({ controller: metatype.name, handler: name, access: isPublic ? 'public' : (permission ?? 'none'), method, path });
      }
    }
    return out;
  }
}

function joinPath(...parts: (string | string[] | undefined)[]): string {
  const segments = parts.map((part) => (Array.isArray(part) ? part[0] : part) ?? '').flatMap((part) => part.split('/').filter(Boolean));
  return `/${segments.join('/')}`;
}
