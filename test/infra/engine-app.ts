import type { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
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

type Resource = ReturnType<Template['findResources']>[string];

/**
 * The engine's functions: every Lambda function of the template but the handler of CDK's
 * BucketDeployment, which runs only while a deploy copies the console's files (a failure there
 * fails the deploy, so it needs no alarm, and it is no handler of ours).
 */
export function engineFunctions(template: Template): Record<string, Resource> {
  // The console files' copy and the calendar job's after-deploy trigger run at deploy time only.
  const deployTime = new Set(
    [...Object.values(template.findResources('Custom::CDKBucketDeployment')), ...Object.values(template.findResources('Custom::Trigger'))].map(
      (deployment) => (deployment.Properties.ServiceToken as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0],
    ),
  );
  return Object.fromEntries(Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) => !deployTime.has(id)));
}
