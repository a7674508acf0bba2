import { beforeEach, describe, expect, it } from 'vitest';
import { BatchGetCommand, QueryCommand, type QueryCommandInput } from '../../../shared/adapters/dynamodb/document-client';
import { fakeDocumentClient } from '../../helpers/fake-document-client';
import { createDynamoCustomerDirectory } from '../../../shared/adapters/dynamodb/customer-directory';
import { complaintItem, customerItem, customerRecordItems, dealerItem, vehicleItem, visitItems } from '../../../shared/adapters/dynamodb/customer-items';
import { dealerKey, occurrenceKey } from '../../../shared/adapters/dynamodb/keys';
import { CorruptItemError } from '../../../shared/domain/errors';
import { aComplaint, aCustomer, aDealer, aVehicle, aVisit } from '../../helpers/factories';

const tableName = 'engine-table';
const dynamo = fakeDocumentClient();
const documentClient = dynamo.client;

type Item = Record<string, unknown>;

/**
 * Answers Queries like the table would: a partition by PK and the
 * `begins_with(SK, 'PROFILE')` prefix.
 */
function serveTable(items: Item[]): void {
  dynamo.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const pk = input.ExpressionAttributeValues?.[':pk'];
    const prefix = String(input.ExpressionAttributeValues?.[':profile']);
    return { Items: items.filter((item) => item.PK === pk && String(item.SK).startsWith(prefix)) };
  });
  dynamo.on(BatchGetCommand).callsFake((input) => {
    const keys = input.RequestItems?.[tableName]?.Keys ?? [];
    return { Responses: { [tableName]: items.filter((item) => keys.some((key) => key.PK === item.PK && key.SK === item.SK)) } };
  });
}


beforeEach(() => {
  dynamo.reset();
});

describe('DynamoDB customer directory: getCustomerContext', () => {
  it('returns undefined for a customer with no profile item', async () => {
    serveTable([dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const context = await directory.getCustomerContext('c-9999');

    expect(context).toBeUndefined();
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
  });

  it('reads the profile with a consistent read, so a consent withdrawn just now is seen', async () => {
    const ann = aCustomer();
    serveTable([customerItem(ann), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    await directory.getCustomerContext(ann.id);

    const queries = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(queries).toHaveLength(1);
    expect(queries[0]!.ConsistentRead).toBe(true);
  });

  it('returns the customer with vehicles and dealer', async () => {
    const ann = aCustomer();
    const cars = [aVehicle(), aVehicle({ vin: 'WBA11AA010CH00002', model: 'X3' })];
    serveTable([customerItem(ann), ...cars.map((car) => vehicleItem(ann.id, car)), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const context = await directory.getCustomerContext(ann.id);

    expect(context).toEqual({ customer: ann, vehicles: cars, visits: [], complaints: [], dealer: aDealer(), suppressions: [] });
  });

  it('reads visits (oldest first) and complaints with the profile in the one Query, and never the ledger items', async () => {
    const ann = aCustomer({ region: 'CN-SH', loyalty: { points: 800, tier: 'standard' }, interests: ['family'] });
    const car = aVehicle({ fuel: 'ev', odometerReadings: [{ on: '2025-01-01', km: 3_000 }], roadsideAssistanceEndsOn: '2026-04-30' });
    const visits = [aVisit({ on: '2025-11-02' }), aVisit({ on: '2024-05-06', odometerKm: undefined })];
    const complaints = [aComplaint()];
    serveTable([
      ...customerRecordItems({ customer: ann, vehicles: [car], visits, complaints }),
      { ...occurrenceKey(ann.id, 'birthday', '2025'), status: 'closed' },
      dealerItem(aDealer()),
    ]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const context = await directory.getCustomerContext(ann.id);

    expect(context).toEqual({ customer: ann, vehicles: [car], visits: [visits[1], visits[0]], complaints, dealer: aDealer(), suppressions: [] });
    expect(dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input.ExpressionAttributeValues?.[':profile'])).toEqual(['PROFILE']);
  });

  it('fails the one context with CorruptItemError when a stored visit or complaint does not match its schema', async () => {
    const ann = aCustomer();
    const badVisit = { ...visitItems(ann.id, [aVisit()])[0], on: '2025-13-01' };
    const badComplaint = { ...complaintItem(ann.id, aComplaint()), openedOn: undefined };
    for (const bad of [badVisit, badComplaint]) {
      dynamo.reset();
      serveTable([customerItem(ann), bad, dealerItem(aDealer())]);
      const directory = createDynamoCustomerDirectory(documentClient, tableName);

      await expect(directory.getCustomerContext(ann.id)).rejects.toBeInstanceOf(CorruptItemError);
    }
  });

  it('batch-gets a dealer once and serves later customers of that dealer from the cache', async () => {
    const ann = aCustomer({ id: 'c-0001' });
    const bo = aCustomer({ id: 'c-0002' });
    serveTable([customerItem(ann), customerItem(bo), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    await directory.getCustomerContext(ann.id);
    const second = await directory.getCustomerContext(bo.id);

    expect(second?.dealer).toEqual(aDealer());
    const batchGets = dynamo.commandCalls(BatchGetCommand);
    expect(batchGets).toHaveLength(1);
    expect(batchGets[0]!.args[0].input.RequestItems?.[tableName]?.Keys).toEqual([dealerKey('dealer-sh')]);
  });

  it('retries the dealer keys DynamoDB left unprocessed', async () => {
    const ann = aCustomer();
    serveTable([customerItem(ann)]);
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [tableName]: [] }, UnprocessedKeys: { [tableName]: { Keys: [dealerKey('dealer-sh')] } } })
      .resolvesOnce({ Responses: { [tableName]: [dealerItem(aDealer())] } });
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const context = await directory.getCustomerContext(ann.id);

    expect(context?.dealer.id).toBe('dealer-sh');
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(2);
  });

  it('throws CorruptItemError when a stored vehicle does not match the schema', async () => {
    const ann = aCustomer();
    serveTable([customerItem(ann), { ...vehicleItem(ann.id, aVehicle()), vin: 'not-a-vin' }, dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    await expect(directory.getCustomerContext(ann.id)).rejects.toBeInstanceOf(CorruptItemError);
  });

  it('throws CorruptItemError when a customer refers to a dealer that does not exist', async () => {
    const ann = aCustomer({ dealerId: 'dealer-gone' });
    serveTable([customerItem(ann), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    await expect(directory.getCustomerContext(ann.id)).rejects.toThrow(CorruptItemError);
  });
});
