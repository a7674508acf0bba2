import { beforeEach, describe, expect, it } from 'vitest';
import { BatchGetCommand, BatchWriteCommand, QueryCommand } from '../../../shared/adapters/dynamodb/document-client';
import { fakeDocumentClient } from '../../helpers/fake-document-client';
import { createDynamoCustomerStore } from '../../../shared/adapters/dynamodb/customer-store';
import { brandItem, complaintItem, customerItem, customerRecordItems, dealerItem, vehicleItem } from '../../../shared/adapters/dynamodb/customer-items';
import { brandKey, complaintKey, vehicleKey, visitKey } from '../../../shared/adapters/dynamodb/keys';
import { aBrand, aComplaint, aCustomer, aDealer, aVehicle, aVisit } from '../../helpers/factories';

const tableName = 'engine-table';
const dynamo = fakeDocumentClient();
const documentClient = dynamo.client;

beforeEach(() => {
  dynamo.reset();
  dynamo.on(BatchWriteCommand).resolves({});
});

const written = () => dynamo.commandCalls(BatchWriteCommand).flatMap((call) => call.args[0].input.RequestItems![tableName]!);

describe('DynamoDB customer store', () => {
  it('writes nothing for a customer stored exactly as given, whatever the attribute order', async () => {
    const ann = aCustomer();
    const reordered = Object.fromEntries(Object.entries(customerItem(ann)).reverse());
    dynamo.on(QueryCommand).resolves({ Items: [reordered, vehicleItem(ann.id, aVehicle())] });

    const outcomes = await createDynamoCustomerStore(documentClient, tableName).saveCustomers([{ customer: ann, vehicles: [aVehicle()], visits: [], complaints: [] }]);

    expect(outcomes).toEqual(['unchanged']);
    expect(written()).toEqual([]);
    expect(dynamo.commandCalls(QueryCommand)[0]!.args[0].input.ConsistentRead).toBe(true);
  });

  it('puts only what changed and deletes a vehicle no longer listed', async () => {
    const ann = aCustomer();
    const sold = aVehicle({ vin: 'WBA11AA010CH00009' });
    dynamo.on(QueryCommand).resolves({ Items: [customerItem(ann), vehicleItem(ann.id, aVehicle()), vehicleItem(ann.id, sold)] });

    const outcomes = await createDynamoCustomerStore(documentClient, tableName).saveCustomers([{ customer: { ...ann, firstName: 'Anne' }, vehicles: [aVehicle()], visits: [], complaints: [] }]);

    expect(outcomes).toEqual(['updated']);
    expect(written()).toEqual([
      { PutRequest: { Item: customerItem({ ...ann, firstName: 'Anne' }) } },
      { DeleteRequest: { Key: vehicleKey(ann.id, sold.vin) } },
    ]);
  });

  it('numbers visits by day whatever order the record lists them in, so the same visits re-imported write nothing', async () => {
    const ann = aCustomer();
    const visits = [aVisit({ on: '2025-06-01', work: ['tyres'] }), aVisit({ on: '2024-06-01' }), aVisit({ on: '2025-06-01', work: ['oil-service'] })];
    const record = { customer: ann, vehicles: [aVehicle()], visits, complaints: [aComplaint()] };
    dynamo.on(QueryCommand).resolves({ Items: customerRecordItems(record) });

    const outcomes = await createDynamoCustomerStore(documentClient, tableName).saveCustomers([{ ...record, visits: [...visits].reverse() }]);

    expect(outcomes).toEqual(['unchanged']);
    expect(written()).toEqual([]);
    expect(customerRecordItems(record).map((item) => item.SK)).toEqual([
      'PROFILE',
      vehicleKey(ann.id, aVehicle().vin).SK,
      visitKey(ann.id, '2024-06-01', 0).SK,
      visitKey(ann.id, '2025-06-01', 0).SK,
      visitKey(ann.id, '2025-06-01', 1).SK,
      complaintKey(ann.id, 'CR-1001').SK,
    ]);
  });

  it('replaces the stored visits and complaints with the record\'s: a complaint closed is rewritten, one left out deleted', async () => {
    const ann = aCustomer();
    const stored = { customer: ann, vehicles: [], visits: [aVisit({ on: '2024-06-01' })], complaints: [aComplaint(), aComplaint({ reference: 'CR-0001' })] };
    dynamo.on(QueryCommand).resolves({ Items: customerRecordItems(stored) });
    const closed = aComplaint({ closedOn: '2026-02-01' });

    const outcomes = await createDynamoCustomerStore(documentClient, tableName).saveCustomers([{ customer: ann, vehicles: [], visits: [], complaints: [closed] }]);

    expect(outcomes).toEqual(['updated']);
    expect(written()).toEqual([
      { PutRequest: { Item: complaintItem(ann.id, closed) } },
      { DeleteRequest: { Key: visitKey(ann.id, '2024-06-01', 0) } },
      { DeleteRequest: { Key: complaintKey(ann.id, 'CR-0001') } },
    ]);
  });

  it('re-sends the writes DynamoDB left unprocessed', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    const item = customerItem(aCustomer());
    dynamo
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { [tableName]: [{ PutRequest: { Item: item } }] } })
      .resolvesOnce({});

    const outcomes = await createDynamoCustomerStore(documentClient, tableName).saveCustomers([{ customer: aCustomer(), vehicles: [], visits: [], complaints: [] }]);

    expect(outcomes).toEqual(['imported']);
    expect(dynamo.commandCalls(BatchWriteCommand)).toHaveLength(2);
  });

  it('reports which dealers exist and writes a dealer only when it differs', async () => {
    dynamo.on(BatchGetCommand).resolves({ Responses: { [tableName]: [dealerItem(aDealer())] } });
    const store = createDynamoCustomerStore(documentClient, tableName);

    expect(await store.existingDealers(['dealer-sh', 'dealer-gone'])).toEqual(new Set(['dealer-sh']));
    expect(await store.saveDealers([aDealer()])).toEqual(['unchanged']);
    expect(written()).toEqual([]);
  });

  it('stores a brand beside the dealers, and writes nothing when it is stored as given', async () => {
    const store = createDynamoCustomerStore(documentClient, tableName);
    dynamo.on(BatchGetCommand).resolvesOnce({ Responses: { [tableName]: [] } }).resolves({ Responses: { [tableName]: [brandItem(aBrand())] } });

    const first = await store.saveBrands([aBrand()]);
    const again = await store.saveBrands([aBrand()]);

    expect([first, again]).toEqual([['imported'], ['unchanged']]);
    expect(written()).toEqual([{ PutRequest: { Item: { ...brandKey('brand-cn'), type: 'Brand', ...aBrand() } } }]);
  });
});

