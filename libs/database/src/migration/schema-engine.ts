import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

const require = createRequire(import.meta.url);

/**
 * PostgreSQL's internal `"char"` type (oid 18) appears in the catalog queries
 * the schema engine runs to describe a database; @prisma/adapter-pg cannot map
 * it. Reporting those columns as text (oid 25) is exact for their values.
 */
class CatalogSafeClient extends pg.Client {
  override query(...args: unknown[]): never {
    const callback = args.findIndex((arg) => typeof arg === 'function');
    if (callback >= 0) {
      const original = args[callback] as (err: Error | null, result?: pg.QueryResult) => void;
      args[callback] = (err: Error | null, result?: pg.QueryResult) => {
        if (result) rewriteCharFields(result);
        original(err, result);
      };
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const promise = (super.query as (...a: unknown[]) => unknown)(...args);
    if (promise instanceof Promise) {
      return promise.then((result: pg.QueryResult) => {
        rewriteCharFields(result);
        return result;
      }) as never;
    }
    return promise as never;
  }
}

function rewriteCharFields(result: pg.QueryResult | pg.QueryResult[]): void {
  for (const one of Array.isArray(result) ? result : [result]) {
    for (const field of one?.fields ?? []) {
      if (field.dataTypeID === 18) field.dataTypeID = 25;
    }
  }
}

/** The slice of the WebAssembly global used here (not in the ES2023 lib typings). */
const webAssembly = (
  globalThis as unknown as {
    WebAssembly: {
      instantiate(bytes: Uint8Array, imports: Record<string, unknown>): Promise<{ instance: { exports: unknown } }>;
    };
  }
).WebAssembly;

let wasmReady: Promise<typeof import('@prisma/schema-engine-wasm')> | undefined;

/** Loads the bundler-style wasm-bindgen build of Prisma's schema engine into Node. */
async function loadWasmEngine(): Promise<typeof import('@prisma/schema-engine-wasm')> {
  wasmReady ??= (async () => {
    const bindingsPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bindings = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as {
      __wbg_set_wasm(exports: unknown): void;
    };
    const bytes = await readFile(join(dirname(bindingsPath), 'schema_engine_bg.wasm'));
    // The engine's own timers (connection idling) must not keep a finished
    // CLI process alive for their full duration: hand it unref'd timers.
    const imports: Record<string, unknown> = { ...bindings };
    for (const name of Object.keys(imports).filter((key) => key.startsWith('__wbg_setTimeout_'))) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
    const { instance } = await webAssembly.instantiate(bytes, { './schema_engine_bg.js': imports });
    bindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
    return bindings as unknown as typeof import('@prisma/schema-engine-wasm');
  })();
  return wasmReady;
}

export interface EngineHandle {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/**
 * Opens Prisma's WebAssembly schema engine over a driver adapter connected to
 * `connectionString`. No native binary and no network are needed.
 */
export async function openSchemaEngine(connectionString: string, datamodel?: { path: string; content: string }): Promise<EngineHandle> {
  const wasm = await loadWasmEngine();
  // The engine keeps a connection checked out after its last call; track the
  // clients so close() can end them (pool.end() alone would wait for it).
  const clients = new Set<pg.Client>();
  const Client = class extends CatalogSafeClient {
    constructor(config?: pg.ClientConfig) {
      super(config);
      clients.add(this);
      this.once('end', () => clients.delete(this));
    }
  };
  const pool = new pg.Pool({ connectionString, max: 2, Client });
  // The engine's timers are unref'd (see loadWasmEngine): hold the process open while the engine is.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg(pool));
  const logs: string[] = [];
  const engine = await wasm.SchemaEngine.new(
    { datamodels: datamodel ? [[datamodel.path, datamodel.content]] : undefined },
    (line: string) => logs.push(line),
    factory,
  );
  return {
    engine,
    async close() {
      clearInterval(keepAlive);
      engine.free();
      await Promise.all([...clients].map((client) => client.end().catch(() => undefined)));
      await pool.end().catch(() => undefined);
    },
  };
}
