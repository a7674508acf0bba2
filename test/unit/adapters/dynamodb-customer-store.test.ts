import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { createDynamoCustomerStore } from '../../../shared/adapters/dynamodb/customer-store';
import { customerItem, dealerItem, vehicleItem } from '../../../shared/adapters/dynamodb/customer-items';
import { vehicleKey } from '../../../shared/adapters/dynamodb/keys';
import { aCustomer, aDealer, aVehicle } from '../../helpers/factories';

const tableName = 'engine-table';
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const dynamo = mockClient(DynamoDBDocumentClient);

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
});
