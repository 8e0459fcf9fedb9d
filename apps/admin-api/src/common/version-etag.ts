import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, UseInterceptors } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, type Observable } from 'rxjs';

/** Sends the version of what the handler returns as its strong ETag (`"7"`): the value a later write sends back in If-Match. */
@Injectable()
class VersionEtagInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<{ version: number }>): Observable<{ version: number }> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((body) => {
        reply.header('etag', `"${body.version}"`);
        return body;
      }),
    );
  }
}

/** For handlers that answer with a versioned resource (an article, a collection): its version goes out as ETag. */
export const VersionEtag = () => UseInterceptors(VersionEtagInterceptor);
