import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { batchWriteAll } from '../shared/adapters/dynamodb/batch-write';
import { brandItem, customerRecordItems, dealerItem } from '../shared/adapters/dynamodb/customer-items';
import { itemType, seedMarkerKey } from '../shared/adapters/dynamodb/keys';
import { demoDataVersion, type DemoData } from './demo-data';

export type Progress = (done: number, total: number) => void;

/**
 * Writes the demo data set once per table: a marker item records that it was seeded, so a
 * second `npm start` keeps the ledger and does not rewrite 2,000+ items. The customers are filed
 * in the due index by the recompute that `npm start` runs before its first tick.
 */
export async function seedDemoData(
  client: DynamoDBDocumentClient,
  tableName: string,
  data: DemoData,
  progress: Progress = () => undefined,
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
  await client.send(
    new PutCommand({
      TableName: tableName,
      Item: { ...seedMarkerKey(demoDataVersion), type: itemType.seed, items: items.length, customers: data.customers.length },
    }),
  );
  return { seeded: true, items: items.length };
}
