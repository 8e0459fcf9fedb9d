import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { projectRoot } from './paths.js';

/**
 * The Node flags every app process starts with so that tracing can start
 * before the app's first import (see libs/tracing). The preload itself
 * decides from OTEL_* whether to do anything; package.json's start:*
 * scripts pass the same flag.
 */
export const tracingPreload = ['--import', pathToFileURL(resolve(projectRoot, 'dist/libs/tracing/src/register.js')).href] as const;
