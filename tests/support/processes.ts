import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

export interface Spawned {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

/**
 * No metrics listeners unless a test asks for one: their default ports are
 * fixed, and test files run in parallel.
 */
const NO_METRICS_LISTENERS = { DELIVERY_METRICS_PORT: '0', WORKER_METRICS_PORT: '0', ADMIN_METRICS_PORT: '0' };

/** Runs a built entry point (dist/…) as a separate process, as an operator would. */
export function runBuilt(entry: string, env: Record<string, string | undefined>, options: { detached?: boolean; nodeArgs?: readonly string[] } = {}): Spawned {
  const cleanEnv: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, ...NO_METRICS_LISTENERS, ...env })) {
    if (value !== undefined && !key.startsWith('JEST') && key !== 'NODE_OPTIONS') cleanEnv[key] = value;
  }
  const script = entry.startsWith('/') ? entry : join(process.cwd(), 'dist', entry);
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), script], {
    env: cleanEnv,
    detached: options.detached,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Polls until `check` passes or `timeoutMs` runs out. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 30_000, intervalMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      return await check();
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw lastError instanceof Error ? lastError : new Error(String(lastError));
}
