import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readFileSync } from 'node:fs';
import { addEngineStack, repoRoot, type EngineStack } from '../../infra/engine-stack';

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

/** Builds the app exactly as `infra/app.ts` does for the CLI, with cdk.json's context. */
export function buildEngineApp(options: EngineAppOptions = {}): { app: App; stack: EngineStack } {
  const app = new App({
    outdir: options.outdir,
    context: {
      ...cdkJsonContext(),
      ...(options.bundling ? {} : { 'aws:cdk:bundling-stacks': [] }),
      ...options.context,
    },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = addEngineStack(app);
  return { app, stack };
}
