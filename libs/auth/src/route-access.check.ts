import { Injectable, type OnModuleInit, RequestMethod } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants.js';
import { declaredAccess } from './declared-access.js';

export interface RouteAccess {
  controller: string;
  handler: string;
  /** "public", the permission, "none" (declares nothing) or "conflict" (@Public() and a permission). */
  access: string;
  /** HTTP method, e.g. "GET". */
  method: string;
  /** Path under the app's prefix, e.g. "/articles/:id/transitions". */
  path: string;
}

/**
 * Refuses to start an app in which a route handler declares neither a
 * permission nor @Public() (new routes cannot slip in unguarded), or both (a
 * class-level @Public() would otherwise silently open a handler's permission).
 */
@Injectable()
export class RouteAccessCheck implements OnModuleInit {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    const routes = this.routes();
    const name = (route: RouteAccess) => `${route.controller}.${route.handler}`;
    const unguarded = routes.filter((route) => route.access === 'none');
    if (unguarded.length > 0) throw new Error(`routes without a declared permission: ${unguarded.map(name).join(', ')}`);
    const conflicting = routes.filter((route) => route.access === 'conflict');
    if (conflicting.length > 0) {
      throw new Error(`routes with both @Public() and a permission: ${conflicting.map(name).join(', ')}; say which one is meant`);
    }
  }

  /** Every route handler with the access it declares ("public", a permission, "none" or "conflict"). */
  routes(): RouteAccess[] {
    const out: RouteAccess[] = [];
    for (const wrapper of this.discovery.getControllers()) {
      const { instance, metatype } = wrapper;
      if (!instance || !metatype) continue;
      const prototype = Object.getPrototypeOf(instance) as object;
      for (const name of this.scanner.getAllMethodNames(prototype)) {
        const handler = (prototype as Record<string, unknown>)[name] as () => unknown;
        if (Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const declared = declaredAccess(this.reflector, handler, metatype);
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
        const path = joinPath(
          Reflect.getMetadata(PATH_METADATA, metatype) as string | string[] | undefined,
          Reflect.getMetadata(PATH_METADATA, handler) as string | string[],
        );
        out.push({ controller: metatype.name, handler: name, access: declared.kind === 'permission' ? declared.permission : declared.kind, method, path });
      }
    }
    return out;
  }
}

function joinPath(...parts: (string | string[] | undefined)[]): string {
  const segments = parts.map((part) => (Array.isArray(part) ? part[0] : part) ?? '').flatMap((part) => part.split('/').filter(Boolean));
  return `/${segments.join('/')}`;
}
