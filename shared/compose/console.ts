import { SQSClient } from '@aws-sdk/client-sqs';
import { deadLetterQueuesOf, type ConsoleEnv } from '../config/console-env';
import type { LoadedJourneyConfig } from '../config/compiled-journeys';
import { createDynamoConsoleActivity } from '../adapters/dynamodb/console-activity';
import { createDynamoCustomerEventStore } from '../adapters/dynamodb/customer-event-store';
import { createDynamoCustomerListing } from '../adapters/dynamodb/customer-listing';
import { createDynamoDealerLookup } from '../adapters/dynamodb/dealer-lookup';
import { createDynamoMessageHistory } from '../adapters/dynamodb/message-history';
import { createDynamoOccurrenceHistory } from '../adapters/dynamodb/occurrence-history';
import type { OccurrenceHistory } from '../ports/occurrence-history';
import { createDynamoSendingPauses } from '../adapters/dynamodb/sending-pauses';
import { createSqsQueueDepths } from '../adapters/sqs/queue-depths';
import { createDynamoRunLog } from '../adapters/dynamodb/run-log';
import type { RunLog } from '../ports/run-log';
import type { QueueDepths } from '../ports/queue-depths';
import { sdkClientOptions } from './timeouts';
import type { CustomerEventStore, DealerLookup } from '../ports/events';
import type { MessageHistory } from '../ports/message-history';
import type { SendingPauses } from '../ports/sending-pause';
import { cachedFor, takeConsoleSnapshot, tenantView, type ConsoleSnapshot } from '../use-cases/console-snapshot';
import { simulateCalendar, type CalendarSimulation, type RunSimulation } from '../use-cases/console-calendar';
import { createDynamoBrandDirectory } from '../adapters/dynamodb/brand-directory';
import type { Brand } from '../domain/brand';
import type { BrandDirectory } from '../ports/customers';
import { tenantId, type Tenant } from '../domain/tenant';
import { composeSimulation } from './simulation';
import type { ConfigViolation } from '../config/violations';
import { documentClient, journeysDirOf } from './common';
import { loadJourneys } from './journeys';

/** How long the console's counts are answered from memory before the table is read again. */
export const consoleSnapshotTtlMs = 5 * 60 * 1000;

/** How long a tenant's calendar (a 90-day simulation, seconds of work) is answered from memory. */
export const consoleCalendarTtlMs = 15 * 60 * 1000;

export interface ConsoleDeps {
  journeys: () => Promise<LoadedJourneyConfig>;
  /** Recent sends and every customer, read for all tenants at once and cached for minutes. */
  snapshot: () => Promise<ConsoleSnapshot>;
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
  /** The tenant's next 90 days from the simulation of its current customers, cached per tenant. */
  calendar: (tenant: Tenant) => Promise<CalendarSimulation>;
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

/** The simulation engine (in-memory adapters, virtual clock) run on the given customers. */
const runSimulation =
  (config: LoadedJourneyConfig): RunSimulation =>
  async ({ brands, dealers, records, handled }, period) => {
    const simulation = composeSimulation(config, { handled });
    await simulation.customers.store.saveBrands(brands);
    await simulation.customers.store.saveDealers(dealers);
    await simulation.customers.store.saveCustomers(records);
    await simulation.run(period);
    return [...simulation.sends()];
  };

/** Adapters of the console's API: reads of the table and the journeys, and the pause switch. */
export function composeConsole(env: ConsoleEnv, now: () => Date = () => new Date()): ConsoleDeps {
  const dynamo = documentClient();
  const dealers = createDynamoDealerLookup(dynamo, env.TABLE_NAME);
  const snapshotDeps = {
    activity: createDynamoConsoleActivity(dynamo, env.TABLE_NAME),
    listing: createDynamoCustomerListing(dynamo, env.TABLE_NAME),
    dealers,
  };
  // Read once per cold start, like the other functions; a failed read is tried again next request.
  const journeys = cachedFor(Number.POSITIVE_INFINITY, () => loadJourneys(env));
  const snapshot = cachedFor(consoleSnapshotTtlMs, () => takeConsoleSnapshot(snapshotDeps, now()), now);
  const brandDirectory = createDynamoBrandDirectory(dynamo, env.TABLE_NAME);
  const calendars = new Map<string, () => Promise<CalendarSimulation>>();
  const calendarOf = (tenant: Tenant) => async () => {
    const [config, taken] = await Promise.all([journeys(), snapshot()]);
    const view = tenantView(taken, tenant);
    const brandIds = [...new Set(view.dealers.flatMap((dealer) => (dealer.brandId ? [dealer.brandId] : [])))];
    const brands = (await Promise.all(brandIds.map((brandId) => brandDirectory.getBrand(brandId)))).filter((brand): brand is Brand => brand !== undefined);
    const at = now();
    return simulateCalendar(view, brands, at.toISOString().slice(0, 10), at, runSimulation(config));
  };
  return {
    calendar: (tenant) => {
      const key = tenantId(tenant);
      let cached = calendars.get(key);
      if (!cached) calendars.set(key, (cached = cachedFor(consoleCalendarTtlMs, calendarOf(tenant), now)));
      return cached();
    },
    journeys,
    snapshot,
    brands: brandDirectory,
    configViolations: async () => (env.CHECK_JOURNEYS_YAML === 'true' ? violationsOf(journeysDirOf(env)) : []),
    store: createDynamoCustomerEventStore(dynamo, env.TABLE_NAME),
    dealers,
    history: createDynamoMessageHistory(dynamo, env.TABLE_NAME),
    occurrences: createDynamoOccurrenceHistory(dynamo, env.TABLE_NAME),
    pauses: createDynamoSendingPauses(dynamo, env.TABLE_NAME),
    runs: createDynamoRunLog(dynamo, env.TABLE_NAME),
    deadLetters: createSqsQueueDepths(new SQSClient(sdkClientOptions()), deadLetterQueuesOf(env)),
  };
}
