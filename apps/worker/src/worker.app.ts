import { ConsoleLogger, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DispatchConfig } from '#common';
import { WorkerModule } from './worker.module.js';

/** Builds the worker exactly as `main.ts` runs it (tests use this too). */
export function createWorker(config: DispatchConfig, databaseUrl: string): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(WorkerModule.forRoot(config, databaseUrl), {
    logger: config.logLevel === 'silent' ? false : new ConsoleLogger({ json: true }),
    abortOnError: false,
  });
}
