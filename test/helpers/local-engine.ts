import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchWriteCommand } from '../../shared/adapters/dynamodb/document-client';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '../../local/bootstrap';
import { engineTable } from '../../shared/resources/table';
import { customerRecordItems, dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import type { CustomerContext } from '../../shared/domain/customer';
import { customerFacts } from '../../shared/domain/customer-facts';
import { startLocalEngine, type LocalEngine } from '../../local/local-engine';
import { createDynamoDueIndex } from '../../shared/adapters/dynamodb/due-index';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { IsoDate } from '../../shared/domain/dates';
import { fileDueDates } from '../../shared/use-cases/file-due-dates';
import { recomputeForDate } from '../../local/recompute';
import { copyShippedJourneys } from './processes';

/**
 * The engine on the real local servers, on free ports, with state in a fresh temp folder.
 * `journeys` limits it to some of the shipped journeys (e.g. `['birthday']`), for tests that
 * count one journey's sends on dates where other shipped journeys fall due too.
 */
export async function startTestEngine(options: { journeys?: string[] } = {}): Promise<LocalEngine & { cleanUp(): Promise<void> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-'));
  const journeysDir = options.journeys ? await copyShippedJourneys(join(dataDir, 'journeys'), options.journeys) : undefined;
  const engine = await startLocalEngine({
    ports: { dynamodb: 0, sqs: 0, ses: 0 },
    dataDir,
    persistDynamo: false,
    logLevel: 'ERROR',
    ...(journeysDir ? { journeysDir } : {}),
  });
  return {
    ...engine,
    async cleanUp() {
      await engine.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes customers with their dealers and, as the import does, files each in the due index under
 * their next due date with the engine's journeys from the local date `from` on (the earliest date
 * the test evaluates).
 */
export async function putCustomers(engine: LocalEngine, contexts: CustomerContext[], { from }: { from: IsoDate }): Promise<void> {
  const dealers = new Map(contexts.map((context) => [context.dealer.id, context.dealer]));
  const items = [
    ...[...dealers.values()].map(dealerItem),
    ...contexts.flatMap(customerRecordItems),
  ];
  for (let start = 0; start < items.length; start += 25) {
    await engine.dynamo.send(
      new BatchWriteCommand({ RequestItems: { [engine.tableName]: items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })) } }),
    );
  }
  const { journeys } = await loadJourneyConfig(process.env.JOURNEYS_DIR!);
  const facts = contexts.map(({ dealer, ...record }) => customerFacts(record, dealer.address.country));
  await fileDueDates(facts, journeys, from, createDynamoDueIndex(engine.dynamo, engine.tableName));
}

/**
 * Files every stored customer from the local date `date` on, as `npm start` does before a run
 * of that date (a replay of a date finds its customers due, even after a later date moved them on).
 */
export async function refileFrom(engine: LocalEngine, date: IsoDate): Promise<void> {
  const { journeys } = await loadJourneyConfig(process.env.JOURNEYS_DIR!);
  await recomputeForDate(engine.dynamo, engine.tableName, { journeys, date }, () => undefined);
}

export interface StoredEmail {
  messageId: string;
  destination: { to: string[] };
  subject: string;
  body: { html?: string; text?: string };
}

export async function storedEmails(engine: LocalEngine): Promise<StoredEmail[]> {
  const response = await fetch(`${engine.stack.endpoints.ses}/store`);
  return ((await response.json()) as { emails: StoredEmail[] }).emails;
}

/** A new, empty engine table on the running local stack (dynalite creates one in milliseconds). */
export async function freshEngineTable(engine: LocalEngine, tableName: string): Promise<string> {
  // Table management is not the engine's: the SDK's client does it, on the environment the engine set.
  const admin = new DynamoDBClient({});
  await admin.send(new CreateTableCommand(createTableInput(engineTable, tableName)));
  // dynalite turns a new table ACTIVE on its next tick, which a loaded machine can delay.
  while ((await admin.send(new DescribeTableCommand({ TableName: tableName }))).Table?.TableStatus !== 'ACTIVE') {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return tableName;
}
