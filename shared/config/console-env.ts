import * as z from 'zod';
import { ConfigurationError } from './env';

/**
 * Environment of the console's API function (`functions/console-api`), read once at cold start:
 * it reads the table and the journeys, and writes only the pause switch, so it needs none of the
 * senders' variables.
 */
export const ConsoleEnv = z.object({
  TABLE_NAME: z.string().min(1),
  /** Folder holding the journeys (see EngineEnv); defaults to the bundled copy. */
  JOURNEYS_DIR: z.string().min(1).optional(),
  /** The compiled journeys JSON (see EngineEnv); defaults to `journeys.json` in JOURNEYS_DIR. */
  JOURNEYS_FILE: z.string().min(1).optional(),
  /**
   * Local only (`npm start`): check the YAML of JOURNEYS_DIR again on each Journeys request, so a
   * mistake made while the engine runs shows on the page with file and line. In AWS the YAML is
   * checked at synth and the function ships only the compiled journeys.
   */
  CHECK_JOURNEYS_YAML: z.enum(['true', 'false']).default('false'),
  /** Dead-letter queues the Health page counts, comma-separated `name=url` pairs; none when absent. */
  DEAD_LETTER_QUEUES: z.string().optional(),
  /** The bucket the calendar job writes each tenant's calendar to (AWS). */
  CALENDAR_BUCKET: z.string().min(1).optional(),
  /** The folder it writes them to instead (`npm start`: under `.local/`). One of the two is required. */
  CALENDAR_FOLDER: z.string().min(1).optional(),
  /**
   * How many shards the calendar job splits a run into (the stack sets it for both functions):
   * the console then reads those shard objects by name, without listing the bucket first.
   */
  CALENDAR_SHARDS: z.coerce.number().int().min(1).max(1000).optional(),
});
export type ConsoleEnv = z.infer<typeof ConsoleEnv>;

/**
 * Environment of the calendar job (`functions/console-calendar`): the table and journeys it
 * simulates from, where calendars go, and how many shards a run is split into (each an
 * invocation of its own, fed by the shard queue).
 */
export const CalendarJobEnv = ConsoleEnv.pick({ TABLE_NAME: true, JOURNEYS_DIR: true, JOURNEYS_FILE: true, CALENDAR_BUCKET: true, CALENDAR_FOLDER: true }).extend({
  CALENDAR_SHARDS: z.coerce.number().int().min(1).max(1000).default(1),
  /** The queue each shard of a run is put on (required with more than one shard). */
  CALENDAR_SHARD_QUEUE_URL: z.string().min(1).optional(),
});
export type CalendarJobEnv = z.infer<typeof CalendarJobEnv>;

const withCalendarStore = <T extends { CALENDAR_BUCKET?: string | undefined; CALENDAR_FOLDER?: string | undefined }>(schema: z.ZodType<T>) =>
  schema.refine((env) => env.CALENDAR_BUCKET !== undefined || env.CALENDAR_FOLDER !== undefined, { message: 'CALENDAR_BUCKET or CALENDAR_FOLDER is required', path: ['CALENDAR_BUCKET'] });

function readEnv<T>(schema: z.ZodType<T>, source: NodeJS.ProcessEnv, name: string): T {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const fields = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new ConfigurationError(`Invalid ${name} environment: ${fields}`);
  }
  return parsed.data;
}

export const readConsoleEnv = (source: NodeJS.ProcessEnv = process.env): ConsoleEnv => readEnv(withCalendarStore(ConsoleEnv), source, 'console');

export const readCalendarJobEnv = (source: NodeJS.ProcessEnv = process.env): CalendarJobEnv =>
  readEnv(
    withCalendarStore(CalendarJobEnv).refine((env) => env.CALENDAR_SHARDS === 1 || env.CALENDAR_SHARD_QUEUE_URL !== undefined, { message: 'CALENDAR_SHARD_QUEUE_URL is required with more than one shard', path: ['CALENDAR_SHARD_QUEUE_URL'] }),
    source,
    'calendar job',
  );

/** `orders=https://...,dispatch=https://...` as pairs; a pair without `=` names its own url. */
export function deadLetterQueuesOf(env: ConsoleEnv): { name: string; url: string }[] {
  return (env.DEAD_LETTER_QUEUES ?? '')
    .split(',')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => {
      const mark = pair.indexOf('=');
      return mark === -1 ? { name: pair, url: pair } : { name: pair.slice(0, mark), url: pair.slice(mark + 1) };
    });
}
