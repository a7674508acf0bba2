import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { buildEngineApp, engineFunctions } from './engine-app';

describe('settings from CDK context', () => {
  it('names the stack after the stage and passes emailFrom and the SMS identity to the functions', () => {
    const { stack } = buildEngineApp({
      context: { stage: 'prod', emailFrom: 'news@dealer.example', smsOriginationIdentity: 'pool-0a1b2c3d4e5f' },
    });

    // Also the cdk-nag gate: an exact pool ARN needs no wildcard acknowledgement.
    const template = Template.fromStack(stack);

    expect(stack.stackName).toBe('DealerJourneys-prod');
    // The feedback function sends nothing: its environment has no sender settings.
    const variables = Object.values(engineFunctions(template))
      .map((fn) => fn.Properties.Environment.Variables)
      .filter((env) => env.POWERTOOLS_SERVICE_NAME !== 'feedback');
    for (const env of variables) {
      expect(env).toMatchObject({ EMAIL_FROM: 'news@dealer.example', SMS_ORIGINATION_IDENTITY: 'pool-0a1b2c3d4e5f' });
    }
    const policies = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policies).toContain(':pool/pool-0a1b2c3d4e5f"');
    expect(policies).toContain('"ses:FromAddress":"news@dealer.example"');
    expect(policies).toContain(':identity/dealer.example"');
  });

  it('fails synth naming each invalid setting', () => {
    expect(() => buildEngineApp({ context: { emailFrom: 'not-an-address', stage: 'Prod' } })).toThrow(
      /Invalid CDK context: stage: .*; emailFrom: /,
    );
  });
});
