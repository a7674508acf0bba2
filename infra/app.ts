import { App, Validations, type AppProps } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { addEngineStack, type EngineStack } from './engine-stack';

/**
 * The CDK app (`npm run synth`). Settings come from context (`-c stage=prod -c emailFrom=...`,
 * see `readEngineSettings`); cdk-nag's AWS Solutions pack runs as a validation plugin, so an
 * unacknowledged finding fails synth.
 *
 * The tests build the app through this same function (with cdk.json's context passed in, which
 * `new App()` reads only under the CLI), so the gate they check is the one the CLI runs.
 */
export function buildApp(props: AppProps = {}): { app: App; stack: EngineStack } {
  const app = new App(props);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  const stack = addEngineStack(app);
  return { app, stack };
}

/** True when this file is the program (`tsx infra/app.ts`, as cdk.json runs it), not an import. */
function isEntryPoint(): boolean {
  const script = process.argv[1];
  return script !== undefined && realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
}

if (isEntryPoint()) buildApp().app.synth();
