import fc from 'fast-check';
import * as z from 'zod';
import { describe, expect, it } from 'vitest';
import { ConfigurationError, EngineEnv, EngineEnvFields, envRules, readEngineEnv } from '../../shared/config/env';

// The cross-variable rules run as one refinement (cheaper to build at cold start than a chain of
// `.refine`s, each cloning the object schema). The chain is the reference: the same rules, one
// `.refine` each, as the schema was written before.
const chained = envRules.reduce<z.ZodType>((schema, rule) => schema.refine(rule.holds as (env: unknown) => unknown, { message: rule.message, path: [rule.path] }), EngineEnvFields);

const deployed = {
  TABLE_NAME: 'engine',
  DISPATCH_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/1/dispatch',
  EMAIL_FROM: 'greetings@example.com',
  SMS_ORIGINATION_IDENTITY: 'DealerJrny',
  PRINT_BUCKET: 'prints',
  WEBHOOK_SECRETS_ID: 'webhooks',
};

// Each variable absent, empty, or one of a few values that pass or break its own check or a rule.
const choices: Record<string, string[]> = {
  TABLE_NAME: ['engine'],
  DISPATCH_QUEUE_URL: ['https://sqs.example/dispatch', 'not a url'],
  EVENTS_QUEUE_URL: ['https://sqs.example/events', 'nope'],
  EMAIL_FROM: ['greetings@example.com', 'no-at-sign'],
  SMS_MODE: ['outbox', 'aws', 'pigeon'],
  SMS_OUTBOX_PATH: ['/tmp/sms.jsonl'],
  SMS_ORIGINATION_IDENTITY: ['DealerJrny'],
  PRINT_MODE: ['folder', 's3', 'fax'],
  PRINT_FOLDER: ['/tmp/print'],
  PRINT_BUCKET: ['prints'],
  LEDGER_RETENTION_DAYS: ['400', '-1', 'many'],
  TASK_WEBHOOK_MODE: ['outbox', 'http'],
  TASK_OUTBOX_PATH: ['/tmp/tasks.jsonl'],
  WEBHOOK_SECRETS_ID: ['webhooks'],
  WEBHOOK_SECRETS_FILE: ['/tmp/secrets.json'],
  PUBLIC_API_URL: ['https://api.example', 'api'],
  UNSUBSCRIBE_KEY_SECRET_ID: ['unsubscribe'],
  UNSUBSCRIBE_KEY_FILE: ['/tmp/key'],
};
const environments = fc.record(
  Object.fromEntries(Object.entries(choices).map(([name, values]) => [name, fc.constantFrom(undefined, '', ...values)])),
);
const defined = (env: Record<string, string | undefined>) => Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined));
const outcome = (result: { success: boolean; data?: unknown; error?: { issues: { code: string; path: PropertyKey[]; message: string }[] } }) =>
  result.success ? { data: result.data } : { issues: result.error!.issues.map(({ code, path, message }) => ({ code, path, message })) };

describe('the engine environment', () => {
  it('reports what the chain of one refinement per rule reports, in the same order, for any environment', () => {
    fc.assert(
      fc.property(environments, (env) => {
        const source = defined(env);
        expect(outcome(EngineEnv.safeParse(source, { jitless: true }))).toEqual(outcome(chained.safeParse(source, { jitless: true })));
      }),
      { numRuns: 500 },
    );
  });

  it('names every broken rule, not only the first', () => {
    const read = () => readEngineEnv({ ...deployed, SMS_ORIGINATION_IDENTITY: undefined, PRINT_BUCKET: undefined, PUBLIC_API_URL: 'https://api.example' });
    expect(read).toThrow(ConfigurationError);
    expect(read).toThrow(
      'Invalid engine environment: UNSUBSCRIBE_KEY_SECRET_ID: UNSUBSCRIBE_KEY_SECRET_ID or UNSUBSCRIBE_KEY_FILE is required when PUBLIC_API_URL is set (links must be signed); ' +
        'SMS_ORIGINATION_IDENTITY: SMS_ORIGINATION_IDENTITY is required when SMS_MODE is aws; PRINT_BUCKET: PRINT_BUCKET is required when PRINT_MODE is s3',
    );
  });

  it('applies the defaults of a deployed function', () => {
    expect(readEngineEnv(deployed)).toMatchObject({ SMS_MODE: 'aws', PRINT_MODE: 's3', TASK_WEBHOOK_MODE: 'http', DISPATCH_POLICY_TIME: 'clock', LEDGER_RETENTION_DAYS: 400 });
  });
});
