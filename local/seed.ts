import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { batchWriteAll } from '../shared/adapters/dynamodb/batch-write';
import { brandItem, customerRecordItems, dealerItem } from '../shared/adapters/dynamodb/customer-items';
import { itemType, seedMarkerKey } from '../shared/adapters/dynamodb/keys';
import type { IsoDate } from '../shared/domain/dates';
import type { Journey } from '../shared/domain/journey/schema';
import { fileDueDates } from '../shared/use-cases/file-due-dates';
import { demoDataVersion, type DemoData } from './demo-data';

export type Progress = (done: number, total: number) => void;

/** The journeys the seeded customers are filed under in the due index, from this local date on. */
export interface SeedDueDates {
  journeys: readonly Journey[];
  today: IsoDate;
}

/**
 * Writes the demo data set once per table: a marker item records that it was seeded, so a
 * second `npm start` keeps the ledger and does not rewrite 2,000+ items.
 */
export async function seedDemoData(
  client: DynamoDBDocumentClient,
  tableName: string,
  data: DemoData,
  progress: Progress = () => undefined,
  dueDates?: SeedDueDates,
): Promise<{ seeded: boolean; items: number }> {
  const marker = await client.send(new GetCommand({ TableName: tableName, Key: seedMarkerKey(demoDataVersion) }));
  if (marker.Item) return { seeded: false, items: Number(marker.Item.items ?? 0) };

  const items = [
    ...data.brands.map(brandItem),
    ...data.dealers.map(dealerItem),
    ...data.customers.flatMap(customerRecordItems),
  ];
  // The same batched write as `npm run import` (unprocessed items re-sent with backoff), in
  // slices so progress can be shown.
  for (let start = 0; start < items.length; start += 25) {
    await batchWriteAll(client, tableName, items.slice(start, start + 25).map((Item) => ({ PutRequest: { Item } })));
    progress(Math.min(start + 25, items.length), items.length);
  }
  // As the import does: each customer filed under their next due date once written.
  if (dueDates) {
    const countries = new Map(data.dealers.map((dealer) => [dealer.id, dealer.address.country]));
    const facts = data.customers.map(({ customer, vehicles }) => ({ customer, vehicles, dealerCountry: countries.get(customer.dealerId) }));
    // Imported here, not at the top: the adapter loads the engine's logger, which must be created
    // after the local engine has set its log level (as in a cold start), not when start.ts loads.
    const { createDynamoDueIndex } = await import('../shared/adapters/dynamodb/due-index');
    await fileDueDates(facts, dueDates.journeys, dueDates.today, createDynamoDueIndex(client, tableName));
  }
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...seedMarkerKey(demoDataVersion), type: itemType.seed, items: items.length, customers: data.customers.length },
    }),
  );
  return { seeded: true, items: items.length };
}
