import type { CalendarJobEnv } from '../config/console-env';
import type { LoadedJourneyConfig } from '../config/compiled-journeys';
import { createDueIndexConsoleSlice } from '../adapters/dynamodb/due-index-console-slice';
import { dueDatesFingerprint } from '../domain/journey/due-dates';
import { createDynamoDealerLookup } from '../adapters/dynamodb/dealer-lookup';
import { createDynamoBrandDirectory } from '../adapters/dynamodb/brand-directory';
import type { RunSimulation } from '../use-cases/console-calendar';
import type { CalendarShard } from '../ports/calendar-snapshots';
import { calendarDueDates, shardMessageOf, type CalendarJobDeps } from '../use-cases/console-calendar-job';
import { takeConsoleSnapshot } from '../use-cases/console-snapshot';
import { composeCalendarSnapshots } from './calendar-snapshots';
import { composeSimulation } from './simulation';
import { documentClient } from './common';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { sdkClientOptions } from './timeouts';

/** The simulation engine (in-memory adapters, virtual clock) run on the given customers. */
export const runSimulation =
  (config: Parameters<typeof composeSimulation>[0]): RunSimulation =>
  async ({ brands, dealers, records, handled }, period) => {
    const simulation = composeSimulation(config, { handled });
    await simulation.customers.store.saveBrands(brands);
    await simulation.customers.store.saveDealers(dealers);
    await simulation.customers.store.saveCustomers(records);
    await simulation.run(period);
    return [...simulation.sends()];
  };

/** Puts one message per shard on the shard queue, ten to a call. */
function shardQueue(sqs: SQSClient, queueUrl: string) {
  return async (shards: readonly CalendarShard[], runAt: Date): Promise<void> => {
    for (let start = 0; start < shards.length; start += 10) {
      const batch = shards.slice(start, start + 10);
      const sent = await sqs.send(new SendMessageBatchCommand({ QueueUrl: queueUrl, Entries: batch.map((shard) => ({ Id: String(shard.index), MessageBody: shardMessageOf(shard, runAt) })) }));
      if ((sent.Failed ?? []).length > 0) throw new Error(`${sent.Failed!.length} calendar shards could not be queued`);
    }
  };
}

/** Adapters of the calendar job: the customers the due index files in the calendar's window and their ledger (a Scan while it is recomputed), the simulation, and the calendars' store. */
export function composeCalendarJob(env: CalendarJobEnv, config: LoadedJourneyConfig): CalendarJobDeps & { shards: number; enqueueShards: (shards: readonly CalendarShard[], runAt: Date) => Promise<void> } {
  const dynamo = documentClient();
  const dealers = createDynamoDealerLookup(dynamo, env.TABLE_NAME);
  return {
    // Each shard reads its share of the due index's window and those customers' ledger ranges (a
    // Scan of its slice of the table while the due dates are being recomputed).
    read: (now, shard) =>
      takeConsoleSnapshot({ slice: createDueIndexConsoleSlice(dynamo, env.TABLE_NAME, { fingerprint: dueDatesFingerprint(config.journeys), dueDates: calendarDueDates(now), slice: shard }), dealers }, now),
    brands: createDynamoBrandDirectory(dynamo, env.TABLE_NAME),
    journeys: config.journeys,
    run: runSimulation(config),
    snapshots: composeCalendarSnapshots(env),
    shards: env.CALENDAR_SHARDS,
    enqueueShards: env.CALENDAR_SHARD_QUEUE_URL ? shardQueue(new SQSClient(sdkClientOptions()), env.CALENDAR_SHARD_QUEUE_URL) : async () => Promise.reject(new Error('no shard queue')),
  };
}
