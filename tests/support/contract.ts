import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

/**
 * Keeps the OpenAPI documents honest: every response an e2e test receives
 * through fetch from one of our apps is checked against the document that
 * app serves — the route and status must be declared, the content type
 * listed, and a JSON body must match the declared schema (closed objects:
 * an undeclared field fails). Violations fail the test file.
 *
 * CONTRACT_CHECK=strict fails a test on a violation, report only counts
 * them (the summary line), off turns the check off; CONTRACT_ONLY=<regexp>
 * checks only matching paths (while a document is being completed).
 */

type Json = Record<string, unknown>;
interface Operation {
  pattern: RegExp;
  method: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
  template: string;
}
interface Contract {
  operations: Operation[];
  validators: Map<string, ValidateFunction>;
  ajv: Ajv2020;
}

const contracts = new Map<string, Contract>();
export const violations: string[] = [];
let checked = 0;
let violationCount = 0;
const violate = (message: string) => {
  violationCount++;
  violations.push(message);
};

export const CONTRACT_MODE = process.env.CONTRACT_CHECK ?? 'strict';
const only = process.env.CONTRACT_ONLY ? new RegExp(process.env.CONTRACT_ONLY) : undefined;
const realFetch = globalThis.fetch.bind(globalThis);

/**
 * The document for a path, from the files global-setup wrote (built from the
 * code: the check sends no request of its own, so rate limits and cache
 * counters see only the test's). /health is in both documents alike.
 */
function contractFor(path: string): Contract | undefined {
  const name = path.startsWith('/admin/') || path === '/health' ? 'admin' : path.startsWith('/content/') ? 'delivery' : undefined;
  const dir = process.env.DISPATCH_TEST_OPENAPI_DIR;
  if (!name || !dir) return undefined;
  let contract = contracts.get(name);
  if (!contract) {
    contract = compile(JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Json);
    contracts.set(name, contract);
  }
  return contract;
}

/** The run's two documents, as global-setup built them from the code (for the lint gate and the client's freshness test). */
export async function runDocuments(): Promise<{ admin: Json; delivery: Json }> {
  const dir = process.env.DISPATCH_TEST_OPENAPI_DIR;
  if (!dir) throw new Error('run through jest: tests/support/global-setup.mjs writes the documents');
  const read = async (name: string) => JSON.parse(await readFile(join(dir, `${name}.json`), 'utf8')) as Json;
  return { admin: await read('admin'), delivery: await read('delivery') };
}

function compile(document: Json): Contract {
  const ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ $id: 'doc', components: rebase(document.components ?? {}) });
  const operations: Operation[] = [];
  for (const [template, item] of Object.entries((document.paths ?? {}) as Record<string, Json>)) {
    const pattern = new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}/?$`);
    for (const [method, operation] of Object.entries(item)) {
      if (typeof operation === 'object' && operation && 'responses' in operation)
        operations.push({ pattern, method: method.toUpperCase(), responses: (operation as { responses: Operation['responses'] }).responses, template });
    }
  }
  // Literal segments win over parameters (/articles/search before /articles/{slug}).
  operations.sort((a, b) => b.template.replace(/\{[^}]+\}/g, '').length - a.template.replace(/\{[^}]+\}/g, '').length);
  return { operations, validators: new Map(), ajv };
}

function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (typeof schema !== 'object' || schema === null) return schema;
  const out: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'discriminator' && typeof value === 'object' && value !== null) {
      // ajv finds the member by each one's `const` tag and refuses OpenAPI's `mapping` (which says the same for generators).
      const { mapping: _mapping, ...rest } = value as Json;
      out[key] = rest;
    } else out[key] = key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `doc${value}` : rebase(value);
  }
  return out;
}

async function check(request: { method: string; url: string }, response: Response): Promise<void> {
  const url = new URL(request.url);
  if (url.hostname !== '127.0.0.1' && url.hostname !== 'localhost') return;
  if (url.pathname.startsWith('/admin/docs') || url.pathname.startsWith('/content/docs')) return;
  if (only && !only.test(url.pathname)) return;
  const contract = contractFor(url.pathname);
  if (!contract) return;
  // CORS preflights are answered by the edge for any path, before routing: HTTP plumbing, not operations.
  if (request.method === 'OPTIONS') return;
  const method = request.method === 'HEAD' ? 'GET' : request.method;
  const where = `${request.method} ${url.pathname} → ${response.status}`;
  const operation = contract.operations.find((candidate) => candidate.method === method && candidate.pattern.test(url.pathname));
  if (!operation) {
    // The router's own 404/405 for paths no route has are part of every document's contract: problem+json.
    if (response.status === 404 || response.status === 405 || response.status === 400) return problemOnly(where, response);
    return void violate(`${where}: no operation in the document`);
  }
  checked++;
  const declared = operation.responses[String(response.status)] ?? operation.responses[`${String(response.status)[0]}XX`] ?? operation.responses.default;
  if (!declared) return void violate(`${where}: status not declared for ${method} ${operation.template}`);
  if (request.method === 'HEAD' || response.status === 204 || response.status === 304) return;
  const type = (response.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const content = declared.content ?? {};
  if (!type) {
    if (Object.keys(content).length) violate(`${where}: no content type; declared ${Object.keys(content).join(', ')}`);
    return;
  }
  const entry = content[type] ?? content[`${type.split('/')[0]}/*`] ?? content['*/*'];
  if (!entry) return void violate(`${where}: content type ${type} not declared (declared: ${Object.keys(content).join(', ') || 'none'})`);
  if (!/json$/.test(type) || entry.schema === undefined) return;
  // Only a JSON body is read, from a copy: a media stream left teed would keep its connection (and the app) from closing.
  const text = await response.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return void violate(`${where}: ${type} body is not JSON`);
  }
  const key = `${method} ${operation.template} ${response.status} ${type}`;
  let validate = contract.validators.get(key);
  if (!validate) {
    validate = contract.ajv.compile(rebase(entry.schema) as Json);
    contract.validators.set(key, validate);
  }
  if (!validate(body)) {
    const errors = (validate.errors ?? [])
      .slice(0, 5)
      .map(
        (error) =>
          `${error.instancePath || '/'} ${error.message}${error.params && 'additionalProperty' in error.params ? ` (${String(error.params.additionalProperty)})` : ''}`,
      );
    violate(`${where}: body does not match ${operation.template}: ${errors.join('; ')}`);
  }
}

function problemOnly(where: string, response: Response): void {
  const type = (response.headers.get('content-type') ?? '').split(';')[0];
  if (type !== 'application/problem+json') violate(`${where}: unrouted response is ${type}, not application/problem+json`);
}

/** Wraps fetch so every response from one of our apps is checked (the body stays readable: the check reads a clone). */
export function installContractCheck(): void {
  if (CONTRACT_MODE === 'off') return;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit) => {
    const request = {
      method: (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase(),
      url: input instanceof Request ? input.url : String(input),
    };
    const response = await realFetch(input, init);
    try {
      await check(request, response);
    } catch (error) {
      violate(`${request.method} ${request.url}: contract check failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    return response;
  };
}

/** Records how many responses this test file had checked (the run's total is printed by the summary reporter). */
export function recordContractFigures(testFile: string): void {
  const runDir = process.env.DISPATCH_TEST_RUN_DIR;
  if (!runDir || checked === 0) return;
  const dir = join(runDir, 'contract');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${testFile.replace(/[^a-z0-9]+/gi, '_')}.json`), JSON.stringify({ checked, violations: violationCount }));
}
