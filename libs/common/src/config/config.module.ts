import { type DynamicModule, Global, Module } from '@nestjs/common';
import type { DispatchConfig } from './config.js';

/** Injection token for the validated DispatchConfig. */
export const DISPATCH_CONFIG = Symbol('DISPATCH_CONFIG');

@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: DispatchConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: DISPATCH_CONFIG, useValue: config }],
      exports: [DISPATCH_CONFIG],
    };
  }
}
