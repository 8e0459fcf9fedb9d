import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { toProblem } from './problem.js';

/** Every error leaves both APIs as application/problem+json (RFC 9457). */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  catch(error: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    sendProblem(reply, error, request?.id);
  }
}

export function sendProblem(reply: FastifyReply, error: unknown, requestId?: string): void {
  const { problem, headers } = toProblem(error, requestId);
  if (reply.sent) return;
  reply
    .status(problem.status)
    .headers({ ...headers, 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' })
    .send(JSON.stringify(requestId ? { ...problem, requestId } : problem));
}
