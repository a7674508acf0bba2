import * as z from 'zod';
import { EngineError } from '../domain/errors';

/**
 * Shared field schemas: zod schemas are immutable, so one instance serves every field of its kind.
 * Each chained call (`.min(1)`, `.optional()`) builds a new schema, and this module is built at
 * every function's cold start, so building each kind once keeps that start shorter.
 */
const name = z.string().min(1);
const optionalName = name.optional();
const url = z.string().url();
const optionalUrl = url.optional();

/** A rule across variables: the issue, at `path`, when `holds` is false. */
export interface EnvRule {
  holds: (env: z.output<typeof EngineEnvFields>) => unknown;
  message: string;
  path: string;
}

/**
 * The rules across variables, checked in this order by one refinement (each `.refine` would clone
 * the whole object schema at load); every broken rule is reported, as separate refinements did.
 */
export const envRules: readonly EnvRule[] = [
  {
    holds: (env) => !env.PUBLIC_API_URL || env.UNSUBSCRIBE_KEY_SECRET_ID || env.UNSUBSCRIBE_KEY_FILE,
    message: 'UNSUBSCRIBE_KEY_SECRET_ID or UNSUBSCRIBE_KEY_FILE is required when PUBLIC_API_URL is set (links must be signed)',
    path: 'UNSUBSCRIBE_KEY_SECRET_ID',
  },
  { holds: (env) => env.SMS_MODE !== 'outbox' || env.SMS_OUTBOX_PATH, message: 'SMS_OUTBOX_PATH is required when SMS_MODE is outbox', path: 'SMS_OUTBOX_PATH' },
  { holds: (env) => env.SMS_MODE !== 'aws' || env.SMS_ORIGINATION_IDENTITY, message: 'SMS_ORIGINATION_IDENTITY is required when SMS_MODE is aws', path: 'SMS_ORIGINATION_IDENTITY' },
  { holds: (env) => env.PRINT_MODE !== 'folder' || env.PRINT_FOLDER, message: 'PRINT_FOLDER is required when PRINT_MODE is folder', path: 'PRINT_FOLDER' },
  {
    holds: (env) => env.TASK_WEBHOOK_MODE !== 'outbox' || (env.TASK_OUTBOX_PATH && env.WEBHOOK_SECRETS_FILE),
    message: 'TASK_OUTBOX_PATH and WEBHOOK_SECRETS_FILE are required when TASK_WEBHOOK_MODE is outbox',
    path: 'TASK_OUTBOX_PATH',
  },
  { holds: (env) => env.TASK_WEBHOOK_MODE !== 'http' || env.WEBHOOK_SECRETS_ID, message: 'WEBHOOK_SECRETS_ID is required when TASK_WEBHOOK_MODE is http', path: 'WEBHOOK_SECRETS_ID' },
  { holds: (env) => env.PRINT_MODE !== 's3' || env.PRINT_BUCKET, message: 'PRINT_BUCKET is required when PRINT_MODE is s3', path: 'PRINT_BUCKET' },
];

/** The variables one by one; {@link EngineEnv} adds the rules across them. */
export const EngineEnvFields = z.object({
  TABLE_NAME: name,
  DISPATCH_QUEUE_URL: url,
  /** The FIFO queue of dealer events (`POST /v1/events`); needed by the API and the event consumer only. */
  EVENTS_QUEUE_URL: optionalUrl,
  /** Verified SES identity messages are sent from. */
  EMAIL_FROM: z.string().email(),
  SES_CONFIGURATION_SET: optionalName,
  /** `outbox` appends JSON lines to SMS_OUTBOX_PATH (local); `aws` uses End User Messaging SMS. */
  SMS_MODE: z.enum(['outbox', 'aws']).default('aws'),
  SMS_OUTBOX_PATH: optionalName,
  SMS_ORIGINATION_IDENTITY: optionalName,
  SMS_CONFIGURATION_SET: optionalName,
  /** `folder` writes print files under PRINT_FOLDER (local); `s3` puts them in PRINT_BUCKET. */
  PRINT_MODE: z.enum(['folder', 's3']).default('s3'),
  PRINT_FOLDER: optionalName,
  PRINT_BUCKET: optionalName,
  /** Folder holding `*.yaml` journeys, `templates/` and `assets/`; defaults to the bundled copy. */
  JOURNEYS_DIR: optionalName,
  /**
   * The compiled journeys JSON the functions load (`scripts/compile-journeys.ts`); defaults to
   * `journeys.json` in JOURNEYS_DIR, where synth puts it. The local runtime compiles the YAML to a
   * file of its own and points here.
   */
  JOURNEYS_FILE: optionalName,
  /**
   * What "now" the dispatch policies (quiet hours, caps) judge by: `clock`, or `planned`, the
   * message's `plannedAt` (local only: `npm start` replays a date's schedule, and its sends are
   * judged as if made at their tick, whatever the hour the replay runs at).
   */
  DISPATCH_POLICY_TIME: z.enum(['clock', 'planned']).default('clock'),
  /** Days ledger items (occurrences, sends) are kept before DynamoDB TTL may delete them; per stage. */
  LEDGER_RETENTION_DAYS: z.coerce.number().int().positive().default(400),
  /** `outbox` appends dealers' CRM task webhooks to TASK_OUTBOX_PATH (local); `http` posts them. */
  TASK_WEBHOOK_MODE: z.enum(['outbox', 'http']).default('http'),
  TASK_OUTBOX_PATH: optionalName,
  /** Secrets Manager secret (name or ARN) holding the webhook signing secrets per dealer. */
  WEBHOOK_SECRETS_ID: optionalName,
  /** Local only: a JSON file of webhook signing secrets per dealer, created as dealers need one. */
  WEBHOOK_SECRETS_FILE: optionalName,
  /**
   * Base URL of the public API (the unsubscribe links in emails point at it). Without it emails
   * carry no unsubscribe link or List-Unsubscribe header.
   */
  PUBLIC_API_URL: optionalUrl,
  /** Secrets Manager secret (name or ARN) holding the key unsubscribe links are signed with. */
  UNSUBSCRIBE_KEY_SECRET_ID: optionalName,
  /** Local only: a file holding that key, generated on first use. */
  UNSUBSCRIBE_KEY_FILE: optionalName,
});

/**
 * Environment of every engine function, read once at cold start. The same variables are set by the
 * CDK stack in AWS and by the local runtime, which changes only endpoints (through the SDK's own
 * `AWS_ENDPOINT_URL_<SERVICE>` variables) and the local sinks for SMS and print.
 */
export const EngineEnv = EngineEnvFields.superRefine((env, context) => {
  for (const rule of envRules) if (!rule.holds(env)) context.addIssue({ code: 'custom', message: rule.message, path: [rule.path], input: env });
});
export type EngineEnv = z.infer<typeof EngineEnv>;

/** Names of the variables, for the stack and the local runtime to set without retyping them. */
export type EngineEnvName = keyof z.input<typeof EngineEnv>;

export class ConfigurationError extends EngineError {}

/** Parses the environment, failing fast with every missing or invalid variable named. */
export function readEngineEnv(source: NodeJS.ProcessEnv = process.env): EngineEnv {
  // Parsed once per cold start: zod's compiled fast path for the object would cost more to
  // build than it saves on a single parse.
  const parsed = EngineEnv.safeParse(source, { jitless: true });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid engine environment: ${problems.join('; ')}`);
  }
  return parsed.data;
}
