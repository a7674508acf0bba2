import type { App } from 'aws-cdk-lib';
import { readFileSync } from 'node:fs';
import { buildApp } from '../../infra/app';
import { repoRoot, type EngineStack } from '../../infra/engine-stack';

/** Context from cdk.json: `new App()` does not read it, the CLI does. */
export function cdkJsonContext(): Record<string, unknown> {
  const cdkJson = JSON.parse(readFileSync(`${repoRoot}/cdk.json`, 'utf8')) as { context?: Record<string, unknown> };
  return cdkJson.context ?? {};
}

export interface EngineAppOptions {
  /** Run esbuild for the functions (slow); otherwise bundling is skipped for every stack. */
  bundling?: boolean;
  /** Extra context, as `-c key=value` on the CLI. */
  context?: Record<string, unknown>;
  outdir?: string;
}

/** Builds the real app of `infra/app.ts` (its cdk-nag gate included) with cdk.json's context. */
export function buildEngineApp(options: EngineAppOptions = {}): { app: App; stack: EngineStack } {
  return buildApp({
    outdir: options.outdir,
    context: {
      ...cdkJsonContext(),
      ...(options.bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
}
