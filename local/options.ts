import { parseArgs } from 'node:util';
import { IsoDateString } from '../shared/domain/dates';

export interface StartOptions {
  once: boolean;
  date: string;
  /**
   * The last schedule tick to run. Without `--date` the run is today's and stops at the current
   * hour, like the real schedule (no greeting goes out before its local time); an explicit date
   * is simulated whole.
   */
  until?: Date;
  dataDir: string;
  /** The journeys folder (`*.yaml` and `templates/`), checked before anything starts. */
  journeysDir: string;
  reset: boolean;
  verbose: boolean;
  ports: { dynamodb: number; sqs: number; ses: number; api: number };
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export const usage = `Usage: npm start -- [options]

Runs the engine locally: local AWS-API servers, demo data, the scheduled evaluation for a date,
dispatch to local sinks, and the HTTP API.

  --date YYYY-MM-DD     the date to evaluate, simulated whole (default: today, UTC, up to now)
  --once                run that date, print the summary and exit
  --data-dir PATH       where local state is kept (default: .local)
  --journeys PATH       the journeys folder (default: journeys)
  --reset               delete the local state first (ledger, mail, outbox, print files)
  --dynamodb-port N     DynamoDB (dynalite) port (default 8000)
  --sqs-port N          SQS (local-aws-sqs) port (default 9324)
  --ses-port N          SES (aws-ses-v2-local) port and web page (default 8005)
  --api-port N          engine HTTP API port (default 3000)
  --verbose             show the functions' JSON logs
  --help                this text`;

function port(value: string | undefined, fallback: number, option: string): number {
  if (value === undefined) return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1 || parsed > 65535) throw new UsageError(`${option} must be a port number from 1 to 65535, got "${value}"`);
  return parsed;
}

export function parseStartOptions(argv: string[], today: Date = new Date()): StartOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        once: { type: 'boolean', default: false },
        date: { type: 'string' },
        'data-dir': { type: 'string', default: '.local' },
        journeys: { type: 'string', default: 'journeys' },
        reset: { type: 'boolean', default: false },
        verbose: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
        'dynamodb-port': { type: 'string' },
        'sqs-port': { type: 'string' },
        'ses-port': { type: 'string' },
        'api-port': { type: 'string' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const date = values.date ?? today.toISOString().slice(0, 10);
  // The format, then that the day exists (2026-02-30 does not).
  const asDate = new Date(`${date}T00:00:00Z`);
  const real = IsoDateString.safeParse(date).success && !Number.isNaN(asDate.getTime()) && asDate.toISOString().slice(0, 10) === date;
  if (!real) throw new UsageError(`--date must be a real calendar date as YYYY-MM-DD, got "${date}"`);
  return {
    once: values.once,
    date,
    ...(values.date === undefined ? { until: today } : {}),
    dataDir: values['data-dir'],
    journeysDir: values.journeys,
    reset: values.reset,
    verbose: values.verbose,
    ports: {
      dynamodb: port(values['dynamodb-port'], 8000, '--dynamodb-port'),
      sqs: port(values['sqs-port'], 9324, '--sqs-port'),
      ses: port(values['ses-port'], 8005, '--ses-port'),
      api: port(values['api-port'], 3000, '--api-port'),
    },
  };
}
