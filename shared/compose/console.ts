import { SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterQueuesOf, type ConsoleEnv } from '../config/console-env';
import type { LoadedJourneyConfig } from '../config/compiled-journeys';
import { createDynamoBrandDealers } from '../adapters/dynamodb/brand-dealers';
import { createDynamoCustomerEventStore } from '../adapters/dynamodb/customer-event-store';
import { createDynamoDealerLookup } from '../adapters/dynamodb/dealer-lookup';
import { createDynamoMessageHistory } from '../adapters/dynamodb/message-history';
import { createDynamoOccurrenceHistory } from '../adapters/dynamodb/occurrence-history';
import { createDynamoSendCounts } from '../adapters/dynamodb/send-counts';
import type { OccurrenceHistory } from '../ports/occurrence-history';
import { createDynamoSendingPauses } from '../adapters/dynamodb/sending-pauses';
import { createSqsQueueDepths } from '../adapters/sqs/queue-depths';
import { createDynamoRunLog } from '../adapters/dynamodb/run-log';
import type { RunLog } from '../ports/run-log';
import type { QueueDepths } from '../ports/queue-depths';
import { mergeCalendars, type MergedCalendar } from '../use-cases/console-calendar';
import { sdkClientOptions } from './timeouts';
import type { CustomerEventStore, DealerLookup } from '../ports/events';
import type { MessageHistory } from '../ports/message-history';
import type { SendingPauses } from '../ports/sending-pause';
import { cachedFor } from '../use-cases/console-snapshot';
import { readConsoleCounts, type ConsoleCounts } from '../use-cases/console-counts';
import { createDynamoBrandDirectory } from '../adapters/dynamodb/brand-directory';
import type { BrandDirectory } from '../ports/customers';
import { tenantId, type Tenant } from '../domain/tenant';
import type { ConfigViolation } from '../config/violations';
import { documentClient, journeysDirOf } from './common';
import { loadJourneys } from './journeys';
import { composeCalendarSnapshots } from './calendar-snapshots';

/** How long a tenant's counters are answered from memory: a brand's read is a Query per dealer and month. */
export const consoleCountsTtlMs = 60 * 1000;

/** How long a tenant's calendar (written by the calendar job a night and after deploys) is answered from memory. */
export const consoleCalendarTtlMs = 60 * 1000;

export interface ConsoleDeps {
  journeys: () => Promise<LoadedJourneyConfig>;
  /** The tenant's outcome counters of the lookback (Journeys, Health): Queries per dealer, briefly cached. */
  counts: (tenant: Tenant) => Promise<ConsoleCounts>;
  store: CustomerEventStore;
  dealers: DealerLookup;
  history: MessageHistory;
  occurrences: OccurrenceHistory;
  pauses: SendingPauses;
  deadLetters: QueueDepths;
  /** The scheduled functions' runs (Health). */
  runs: RunLog;
  /** Brands, for previews of brand-sent journeys. */
  brands: BrandDirectory;
  /** The tenant's calendar as the calendar job's shards last wrote it (undefined before its first run), briefly cached. */
  calendar: (tenant: Tenant) => Promise<MergedCalendar | undefined>;
  /** What the journeys folder's loader reports now (file, line, field); empty when it loads, or when not checked (AWS). */
  configViolations: () => Promise<ConfigViolation[]>;
}

/** The loader's violations for the folder; imported only where the YAML is checked, to keep the parser out of the AWS bundle's start. */
async function violationsOf(journeysDir: string): Promise<ConfigViolation[]> {
  const { JourneyConfigError, loadJourneyConfig } = await import('../config/load-journeys');
  try {
    await loadJourneyConfig(journeysDir);
    return [];
  } catch (error) {
    if (error instanceof JourneyConfigError) return error.violations;
    throw error;
  }
}

/** `load` per tenant, each answered from memory for `ttlMs` (see `cachedFor`). */
function perTenant<T>(ttlMs: number, load: (tenant: Tenant) => Promise<T>, now: () => Date): (tenant: Tenant) => Promise<T> {
  const cached = new Map<string, () => Promise<T>>();
  return (tenant) => {
    const key = tenantId(tenant);
    let answer = cached.get(key);
    if (!answer) cached.set(key, (answer = cachedFor(ttlMs, () => load(tenant), now)));
    return answer();
  };
}

/**
 * Adapters of the console's API: reads of the table by key and Query (no Scan: counters per
 * dealer, customers by id, a brand's dealers from their index), the calendars the calendar job
 * wrote, the journeys, and the pause switch.
 */
export function composeConsole(env: ConsoleEnv, now: () => Date = () => new Date()): ConsoleDeps {
  const dynamo = documentClient();
  const sendCounts = createDynamoSendCounts(dynamo, env.TABLE_NAME);
  const brandDealers = createDynamoBrandDealers(dynamo, env.TABLE_NAME);
  const snapshots = composeCalendarSnapshots(env);
  // Read once per cold start, like the other functions; a failed read is tried again next request.
  const journeys = cachedFor(Number.POSITIVE_INFINITY, () => loadJourneys(env));
  return {
    counts: perTenant(consoleCountsTtlMs, (tenant) => readConsoleCounts(tenant, { counts: sendCounts, brandDealers }, now()), now),
    calendar: perTenant(consoleCalendarTtlMs, async (tenant) => mergeCalendars(await snapshots.load(tenantId(tenant))), now),
    journeys,
    brands: createDynamoBrandDirectory(dynamo, env.TABLE_NAME),
    configViolations: async () => (env.CHECK_JOURNEYS_YAML === 'true' ? violationsOf(journeysDirOf(env)) : []),
    store: createDynamoCustomerEventStore(dynamo, env.TABLE_NAME),
    dealers: createDynamoDealerLookup(dynamo, env.TABLE_NAME),
    history: createDynamoMessageHistory(dynamo, env.TABLE_NAME),
    occurrences: createDynamoOccurrenceHistory(dynamo, env.TABLE_NAME),
    pauses: createDynamoSendingPauses(dynamo, env.TABLE_NAME),
    runs: createDynamoRunLog(dynamo, env.TABLE_NAME),
    deadLetters: createSqsQueueDepths(new SQSClient(sdkClientOptions()), deadLetterQueuesOf(env)),
  };
}
