import { describe, expect, it } from 'vitest';
import { QueryCommand, ScanCommand, type QueryCommandInput } from '../../../shared/adapters/dynamodb/document-client';
import { createDynamoConsoleSlice } from '../../../shared/adapters/dynamodb/console-slice';
import { customerItem, vehicleItem } from '../../../shared/adapters/dynamodb/customer-items';
import { occurrenceKey } from '../../../shared/adapters/dynamodb/keys';
import { fakeDocumentClient } from '../../helpers/fake-document-client';
import { aCustomer, aVehicle } from '../../helpers/factories';

const tableName = 'engine-table';
type Item = Record<string, unknown>;

const ana = aCustomer({ id: 'c-ana' });
const ben = aCustomer({ id: 'c-ben' });
const anasCar = aVehicle({ vin: 'WBA00000000000001' });
const anasBirthday: Item = { ...occurrenceKey(ana.id, 'birthday', '2026'), journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14' };
const anasPartition = [customerItem(ana), vehicleItem(ana.id, anasCar), anasBirthday];

/** A one-segment Scan answered page by page as given, and Queries of a partition's profile range from `table`. */
function serve(pages: Item[][], table: Item[]) {
  const dynamo = fakeDocumentClient();
  let page = 0;
  dynamo.on(ScanCommand).callsFake(() => {
    const items = pages[page]!;
    page += 1;
    return { Items: items, ...(page < pages.length ? { LastEvaluatedKey: { PK: 'next', SK: String(page) } } : {}) };
  });
  dynamo.on(QueryCommand).callsFake((input: QueryCommandInput) => ({
    Items: table.filter((item) => item.PK === input.ExpressionAttributeValues?.[':pk'] && String(item.SK).startsWith(String(input.ExpressionAttributeValues?.[':profile']))),
  }));
  return dynamo;
}

describe('DynamoDB console slice: a partition that comes back later in the Scan', () => {
  it('reads that customer again whole by key, keeps each ledger item once, and reads nobody else again', async () => {
    // Ana's car comes after Ben's profile: her profile range is split across the Scan.
    const dynamo = serve([[customerItem(ana), anasBirthday], [customerItem(ben)], [vehicleItem(ana.id, anasCar)]], [...anasPartition, customerItem(ben)]);

    const contents = await createDynamoConsoleSlice(dynamo.client, tableName, { segments: 1 }).read('2026-03-01');

    expect(contents.customers.map((record) => record.customer.id).sort()).toEqual(['c-ana', 'c-ben']);
    expect(contents.customers.find((record) => record.customer.id === 'c-ana')!.vehicles.map((vehicle) => vehicle.vin)).toEqual([anasCar.vin]);
    expect(contents.handled).toEqual([{ customerId: 'c-ana', journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14' }]);
    expect(contents.skipped).toEqual({ customers: 0, ledger: 0 });
    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input.ExpressionAttributeValues?.[':pk'])).toEqual(['CUST#c-ana']);
  });

  it('reads nobody again when every partition comes in one piece', async () => {
    const dynamo = serve([[customerItem(ana)], [vehicleItem(ana.id, anasCar), anasBirthday, customerItem(ben)]], []);

    const contents = await createDynamoConsoleSlice(dynamo.client, tableName, { segments: 1 }).read('2026-03-01');

    expect(contents.customers.map((record) => [record.customer.id, record.vehicles.length])).toEqual([
      ['c-ana', 1],
      ['c-ben', 0],
    ]);
    expect(dynamo.commandCalls(QueryCommand)).toEqual([]);
  });
});
