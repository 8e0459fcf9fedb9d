import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { WebhookUrlGuard } from './webhook-url-guard.js';

/** How much of a receiver's answer the attempt log keeps. */
export const RESPONSE_EXCERPT_CHARS = 1024;

export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

/** The outcome of one HTTP attempt; `ok` means a 2xx within the timeout. */
export interface WebhookResult {
  ok: boolean;
  status: number | null;
  durationMs: number;
  error: string | null;
  excerpt: string | null;
}

/**
 * POSTs once, never following redirects; the timeout covers connecting,
 * the status line and reading the excerpt. Never throws: every failure is
 * an outcome to log.
 */
export async function sendWebhook(target: WebhookRequest, guard: WebhookUrlGuard): Promise<WebhookResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  let url: URL;
  try {
    url = guard.parse(target.url);
    // IP literals skip the DNS lookup hook, so check them here.
    if (isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) await guard.check(target.url);
  } catch (error) {
    return { ok: false, status: null, durationMs: elapsed(), error: messageOf(error), excerpt: null };
  }
  return new Promise<WebhookResult>((resolve) => {
    let settled = false;
    const finish = (result: Omit<WebhookResult, 'durationMs' | 'ok'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      const ok = result.error === null && result.status !== null && result.status >= 200 && result.status < 300;
      resolve({ ...result, ok, durationMs: elapsed() });
    };
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const request = send(url, {
      method: 'POST',
      headers: { ...target.headers, 'content-length': String(Buffer.byteLength(target.body)) },
      lookup: guard.lookup as never,
      agent: false,
    });
    const timer = setTimeout(() => finish({ status: null, error: `timed out after ${target.timeoutMs} ms`, excerpt: null }), target.timeoutMs);
    request.on('error', (error) => finish({ status: null, error: messageOf(error), excerpt: null }));
    request.on('response', (response: IncomingMessage) => {
      const status = response.statusCode ?? null;
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
        if (text.length >= RESPONSE_EXCERPT_CHARS) finish({ status, error: null, excerpt: text.slice(0, RESPONSE_EXCERPT_CHARS) });
      });
      response.on('end', () => finish({ status, error: null, excerpt: text }));
      response.on('error', (error) => finish({ status, error: messageOf(error), excerpt: text || null }));
    });
    request.end(target.body);
  });
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string }).code;
  return (code && !message.includes(code) ? `${code}: ${message}` : message).slice(0, 500);
}
