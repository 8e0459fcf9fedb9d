import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** A server process the benchmark started (and must stop). */
export interface Server {
  name: string;
  url: string;
  child: ChildProcess;
}

const running = new Set<Server>();

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Starts `node script` with `env`, logging to logDir/<name>.log, and waits
 * until `readyPath` answers (any status below 500) or the process dies.
 */
export async function startServer(options: {
  name: string;
  script: string;
  port: number;
  env: Record<string, string>;
  logDir: string;
  /** Polled until it answers; without it, the process need only survive 1.5 s. */
  readyPath?: string;
  nodeArgs?: string[];
}): Promise<Server> {
  const log = createWriteStream(join(options.logDir, `${options.name}.log`));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), options.script], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const server = { name: options.name, url: `http://127.0.0.1:${options.port}`, child };
  running.add(server);
  if (options.readyPath === undefined) {
    await sleep(1500);
    if (child.exitCode !== null) throw new Error(`${options.name} exited with code ${child.exitCode}; see ${join(options.logDir, `${options.name}.log`)}`);
    return server;
  }
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${options.name} exited with code ${child.exitCode}; see ${join(options.logDir, `${options.name}.log`)}`);
    try {
      const response = await fetch(`${server.url}${options.readyPath}`);
      await response.arrayBuffer();
      if (response.status < 500) return server;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${options.name} did not become ready within 60 s`);
}

/** SIGTERM, then SIGKILL after 5 s: every process this run started ends with it. */
export async function stopServer(server: Server): Promise<void> {
  running.delete(server);
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map(stopServer));
}

/** Resident set size of a process in MiB (Linux), or NaN. */
export async function rssMiB(pid: number | undefined): Promise<number> {
  if (!pid) return NaN;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const match = /VmRSS:\s+(\d+) kB/.exec(status);
    return match ? Number(match[1]) / 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Samples a process's RSS every `everyMs` until stopped; keeps the peak. */
export function rssSampler(pid: number | undefined, everyMs = 250): { peak(): number; last(): number; stop(): void } {
  let peak = 0;
  let last = NaN;
  const timer = setInterval(() => {
    void rssMiB(pid).then((value) => {
      if (!Number.isNaN(value)) {
        last = value;
        peak = Math.max(peak, value);
      }
    });
  }, everyMs);
  timer.unref();
  return { peak: () => peak, last: () => last, stop: () => clearInterval(timer) };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
