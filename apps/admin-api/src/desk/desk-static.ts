import { statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, sendProblem } from '#common';
import { projectRoot } from '../../../../scripts/lib/paths.js';

/** Where `npm run build` writes the Desk (vite build of apps/desk). */
export const DEFAULT_DESK_DIR = resolve(projectRoot, 'dist/desk');

/**
 * The Desk's own policy (the APIs' JSON answers need none): its scripts,
 * styles and API calls come from this origin only, and no other site may
 * frame it. Vite's build has no inline script or style.
 */
export const DESK_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Vite names what it puts under assets/ by content hash: a changed file gets a new name, so these never go stale. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current hashed files: always ask again (a 304 when unchanged). */
const REVALIDATE = 'no-cache';

/**
 * Serves the built Desk at /desk/ as plain Fastify routes (not Nest
 * controllers: the Desk's files need no permission, and the route table the
 * authorization matrix checks stays the API's). Any /desk/ path that is not
 * a file answers index.html, so the single-page app's own URLs survive a
 * reload; a missing hashed asset is a 404, never HTML under a script's name.
 */
export async function serveDesk(fastify: FastifyInstance, root: string = DEFAULT_DESK_DIR): Promise<void> {
  // Its own scope: reply.sendFile stays the Desk's and cannot clash with another use of @fastify/static.
  await fastify.register(async (scope) => {
    await scope.register(fastifyStatic, { root, serve: false, cacheControl: false, etag: true, lastModified: true });
    // With ignoreTrailingSlash, '/desk' answers both /desk and /desk/; '/desk/*' the rest.
    scope.get('/desk', (request, reply) => sendDeskFile(root, request, reply));
    scope.get('/desk/*', (request, reply) => sendDeskFile(root, request, reply));
  });
}

function sendDeskFile(root: string, request: FastifyRequest, reply: FastifyReply): FastifyReply | Promise<FastifyReply> | void {
  // The app's relative URLs need the slash.
  if (request.url === '/desk' || request.url.startsWith('/desk?')) return reply.redirect(`/desk/${request.url.slice(5)}`, 301);
  if (!isFile(resolve(root, 'index.html'))) {
    return sendProblem(
      reply,
      new DomainError('not_found', 'The Desk is not built on this server: run `npm run build` (it builds apps/desk into dist/desk)'),
      request.id,
    );
  }
  const wanted = (request.params as { '*'?: string })['*'] ?? '';
  const path = resolve(root, wanted);
  reply.header('content-security-policy', DESK_CSP);
  if (wanted !== '' && path.startsWith(root + sep) && isFile(path)) {
    reply.header('cache-control', wanted.startsWith('assets/') ? IMMUTABLE : REVALIDATE);
    return reply.sendFile(wanted);
  }
  if (wanted.startsWith('assets/')) return sendProblem(reply, new DomainError('not_found', `The Desk has no file ${wanted}`), request.id);
  reply.header('cache-control', REVALIDATE);
  return reply.sendFile('index.html');
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
