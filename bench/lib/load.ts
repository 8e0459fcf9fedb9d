import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors, timeouts and responses with an unexpected status. */
  errors: number;
  requests: number;
}

/** One request: path plus optional headers (If-None-Match for the 304 run). */
export interface Target {
  path: string;
  headers?: Record<string, string>;
}

/**
 * Drives `baseUrl` with autocannon: every request takes the next target of a
 * shuffled list, so the server sees many keys, not one hot URL.
 */
export async function drive(baseUrl: string, targets: Target[], options: { connections: number; duration: number; expectStatus: number }): Promise<LoadResult> {
  let next = 0;
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const target = targets[next++ % targets.length]!;
          return { ...request, path: target.path, headers: { ...(request.headers ?? {}), ...(target.headers ?? {}) } };
        },
      },
    ],
  });
  const statuses = result.statusCodeStats ?? {};
  const expected = Number(statuses[String(options.expectStatus)]?.count ?? 0);
  const answered = Object.values(statuses).reduce((sum, stat) => sum + Number(stat.count), 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + (answered - expected),
    requests: answered,
  };
}

/** Fisher–Yates with a fixed seed: every configuration gets the same order. */
export function shuffled<T>(items: T[], seed = 42): T[] {
  const copy = [...items];
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
