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
import type { QueueDepths } from '../ports/queue-depths';
import { sdkClientOptions } from './timeouts';
import type { CustomerEventStore, DealerLookup } from '../ports/events';
import type { MessageHistory } from '../ports/message-history';
import type { SendingPauses } from '../ports/sending-pause';
import { cachedFor, takeConsoleSnapshot, type ConsoleSnapshot } from '../use-cases/console-snapshot';
import { documentClient } from './common';
import { loadJourneys } from './journeys';

/** How long the console's counts are answered from memory before the table is read again. */
export const consoleSnapshotTtlMs = 5 * 60 * 1000;

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
}

/** Adapters of the console's API: reads of the table and the journeys, and the pause switch. */
export function composeConsole(env: ConsoleEnv, now: () => Date = () => new Date()): ConsoleDeps {
  const dynamo = documentClient();
  const dealers = createDynamoDealerLookup(dynamo, env.TABLE_NAME);
  const snapshotDeps = {
    activity: createDynamoConsoleActivity(dynamo, env.TABLE_NAME),
    listing: createDynamoCustomerListing(dynamo, env.TABLE_NAME),
    dealers,
  };
  return {
    // Read once per cold start, like the other functions; a failed read is tried again next request.
    journeys: cachedFor(Number.POSITIVE_INFINITY, () => loadJourneys(env)),
    snapshot: cachedFor(consoleSnapshotTtlMs, () => takeConsoleSnapshot(snapshotDeps, now()), now),
    store: createDynamoCustomerEventStore(dynamo, env.TABLE_NAME),
    dealers,
    history: createDynamoMessageHistory(dynamo, env.TABLE_NAME),
    occurrences: createDynamoOccurrenceHistory(dynamo, env.TABLE_NAME),
    pauses: createDynamoSendingPauses(dynamo, env.TABLE_NAME),
    deadLetters: createSqsQueueDepths(new SQSClient(sdkClientOptions()), deadLetterQueuesOf(env)),
  };
}
