import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type DispatchConfig, NestPinoLogger, rootLogger } from '#common';
import { WorkerModule } from './worker.module.js';

/** Builds the worker exactly as `main.ts` runs it (tests use this too). */
export function createWorker(config: DispatchConfig, databaseUrl: string): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(WorkerModule.forRoot(config, databaseUrl), {
    logger: new NestPinoLogger(rootLogger('worker', config)),
    abortOnError: false,
  });
}
