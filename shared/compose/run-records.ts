import { randomUUID } from 'node:crypto';
import { createDynamoRunLog } from '../adapters/dynamodb/run-log';
import type { RunKind } from '../domain/run-record';
import type { RunLog } from '../ports/run-log';
import { logger } from '../logging';
import { documentClient } from './common';

export interface RecordedRunOptions<T> {
  log: RunLog;
  kind: RunKind;
  /** The schedule's instant (the event's `time`). */
  scheduledFor: Date;
  /** The counts kept of the run's summary: numbers only, never a customer id. */
  countsOf: (summary: T) => Record<string, number>;
  /** Told when the record could not be written: the run's own work stands, only its record is lost. */
  onRecordFailed: (error: unknown) => void;
  clock?: () => Date;
}

/**
 * Runs `run` and records it (one small item): its counts when it ends, its error's name when it
 * throws (the error is thrown on). Written here, around the use case, so the use cases stay
 * unaware of it and every scheduled function records its runs the same way, locally and in AWS.
 */
export async function recordedRun<T>(run: () => Promise<T>, options: RecordedRunOptions<T>): Promise<T> {
  const { log, kind, scheduledFor, countsOf, onRecordFailed, clock = () => new Date() } = options;
  const startedAt = clock().toISOString();
  const base = { runId: randomUUID(), kind, scheduledFor: scheduledFor.toISOString(), startedAt };
  const write = (record: Parameters<RunLog['record']>[0]) => log.record(record).catch(onRecordFailed);
  try {
    const summary = await run();
    await write({ ...base, finishedAt: clock().toISOString(), outcome: 'succeeded', counts: countsOf(summary) });
    return summary;
  } catch (error) {
    await write({ ...base, finishedAt: clock().toISOString(), outcome: 'failed', counts: {}, error: error instanceof Error ? error.name : 'unknown' });
    throw error;
  }
}

/**
 * What a scheduled function's handler runs its use case through: `recordRun('evaluation',
 * new Date(event.time), () => runScheduledTick(...), evaluationCounts)` records the run in the
 * engine table and answers the use case's summary.
 */
export function composeRunRecorder(env: { TABLE_NAME: string }) {
  const log = createDynamoRunLog(documentClient(), env.TABLE_NAME);
  const onRecordFailed = (error: unknown) => logger.warn('run not recorded; the run itself stands', { error });
  return <T>(kind: RunKind, scheduledFor: Date, run: () => Promise<T>, countsOf: (summary: T) => Record<string, number>): Promise<T> =>
    recordedRun(run, { log, kind, scheduledFor, countsOf, onRecordFailed });
}

/** Adds up a count per journey and channel (`queued`, `skippedNoConsent` of an evaluation). */
export const totalOf = (counts: Record<string, Partial<Record<string, number>>>): number =>
  Object.values(counts).reduce((sum, channels) => sum + Object.values(channels).reduce<number>((inner, value) => inner + (value ?? 0), 0), 0);

/** The numeric fields of a run's summary, as they are. */
export const numbersOf = (summary: object): Record<string, number> =>
  Object.fromEntries(Object.entries(summary).filter((entry): entry is [string, number] => typeof entry[1] === 'number'));

/** An evaluation's counts: its numbers, and the messages it queued or skipped for want of consent. */
export const evaluationCounts = (summary: { queued: Record<string, Partial<Record<string, number>>>; skippedNoConsent: Record<string, Partial<Record<string, number>>> }): Record<string, number> => ({
  ...numbersOf(summary),
  queued: totalOf(summary.queued),
  skippedNoConsent: totalOf(summary.skippedNoConsent),
});
