import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

export interface ReceivedRequest {
  at: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** The raw body exactly as sent (signatures are over these bytes). */
  rawBody: string;
  /** What the receiver answered (null: it never answered). */
  answered: number | null;
}

/** How to answer one request: a status, or `hang` to never answer. */
export type Answer = number | 'hang';

export interface WebhookReceiver {
  url: string;
  requests: ReceivedRequest[];
  /** Answers to give, in order; after the script runs out, `fallback`. */
  script(answers: Answer[], fallback?: Answer): void;
  close(): Promise<void>;
}

/** A real HTTP receiver on 127.0.0.1 that records every request. */
export async function startReceiver(fallback: Answer = 200): Promise<WebhookReceiver> {
  let queue: Answer[] = [];
  let otherwise = fallback;
  const requests: ReceivedRequest[] = [];
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const answer = queue.length > 0 ? queue.shift()! : otherwise;
      const record: ReceivedRequest = {
        at: Date.now(),
        method: request.method ?? '',
        path: request.url ?? '',
        headers: request.headers,
        rawBody: Buffer.concat(chunks).toString('utf8'),
        answered: answer === 'hang' ? null : answer,
      };
      requests.push(record);
      if (answer === 'hang') {
        hanging.add(response);
        return;
      }
      response.writeHead(answer, { 'content-type': 'text/plain' }).end(`receiver says ${answer}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    requests,
    script(answers, next) {
      queue = [...answers];
      if (next !== undefined) otherwise = next;
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
