import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { addEngineStack } from './engine-stack';

/**
 * The CDK app (`npm run synth`). Settings come from context (`-c stage=prod -c emailFrom=...`,
 * see `readEngineSettings`); cdk-nag's AWS Solutions pack runs as a validation plugin, so an
 * unacknowledged finding fails synth.
 */
const app = new App();
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
addEngineStack(app);
app.synth();
