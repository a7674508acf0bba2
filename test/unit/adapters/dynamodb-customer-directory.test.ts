import { beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, DynamoDBDocumentClient, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { createDynamoCustomerDirectory } from '../../../shared/adapters/dynamodb/customer-directory';
import { customerItem, dealerItem, vehicleItem } from '../../../shared/adapters/dynamodb/customer-items';
import { birthdayIndex, dealerKey } from '../../../shared/adapters/dynamodb/keys';
import { CorruptItemError } from '../../../shared/domain/errors';
import type { Customer } from '../../../shared/domain/customer';
import { aCustomer, aDealer, aVehicle } from '../../helpers/factories';

const tableName = 'engine-table';
const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const dynamo = mockClient(DynamoDBDocumentClient);

type Item = Record<string, unknown>;

/**
 * Answers Queries like the table would: the birthday index by GSI1PK, a partition by PK and the
 * `begins_with(SK, 'PROFILE')` prefix.
 */
function serveTable(items: Item[]): void {
  dynamo.on(QueryCommand).callsFake((input: QueryCommandInput) => {
    const pk = input.ExpressionAttributeValues?.[':pk'];
    if (input.IndexName === birthdayIndex) return { Items: items.filter((item) => item.GSI1PK === pk) };
    const prefix = String(input.ExpressionAttributeValues?.[':profile']);
    return { Items: items.filter((item) => item.PK === pk && String(item.SK).startsWith(prefix)) };
  });
  dynamo.on(BatchGetCommand).callsFake((input: { RequestItems: Record<string, { Keys: Item[] }> }) => {
    const keys = input.RequestItems[tableName]!.Keys;
    return { Responses: { [tableName]: items.filter((item) => keys.some((key) => key.PK === item.PK && key.SK === item.SK)) } };
  });
}

const customerWithBirthday = (id: string, birthDate: string, overrides: Partial<Customer> = {}) => aCustomer({ id, birthDate, ...overrides });

beforeEach(() => {
  dynamo.reset();
});

describe('DynamoDB customer directory: findByBirthdayMonthDays', () => {
  it('returns the customers filed under each month-day with their vehicles and dealer', async () => {
    const ann = customerWithBirthday('c-0001', '1980-03-14');
    const bo = customerWithBirthday('c-0002', '1975-03-15', { firstName: 'Bo' });
    const annCar = aVehicle();
    serveTable([customerItem(ann), vehicleItem(ann.id, annCar), customerItem(bo), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const found = await directory.findByBirthdayMonthDays(['03-14', '03-15']);

    expect(found).toEqual([
      { customer: ann, vehicles: [annCar], dealer: aDealer() },
      { customer: bo, vehicles: [], dealer: aDealer() },
    ]);
    const indexQueries = dynamo
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .filter((input) => input.IndexName === birthdayIndex);
    expect(indexQueries.map((input) => input.ExpressionAttributeValues?.[':pk'])).toEqual(['BDAY#03-14', 'BDAY#03-15']);
  });

  it('reads each found customer partition and batch-gets their shared dealer once', async () => {
    const ann = customerWithBirthday('c-0001', '1980-03-14');
    const bo = customerWithBirthday('c-0002', '1990-03-14');
    serveTable([customerItem(ann), customerItem(bo), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    await directory.findByBirthdayMonthDays(['03-14']);

    const partitionQueries = dynamo
      .commandCalls(QueryCommand)
      .map((call) => call.args[0].input)
      .filter((input) => input.IndexName === undefined);
    expect(partitionQueries.map((input) => input.ExpressionAttributeValues?.[':pk']).sort()).toEqual(['CUST#c-0001', 'CUST#c-0002']);
    const batchGets = dynamo.commandCalls(BatchGetCommand);
    expect(batchGets).toHaveLength(1);
    expect(batchGets[0]!.args[0].input.RequestItems?.[tableName]?.Keys).toEqual([dealerKey('dealer-sh')]);
  });

  it('does not batch-get a dealer again on a later call: dealers are cached', async () => {
    const ann = customerWithBirthday('c-0001', '1980-03-14');
    const bo = customerWithBirthday('c-0002', '1975-03-15');
    serveTable([customerItem(ann), customerItem(bo), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);
    await directory.findByBirthdayMonthDays(['03-14']);

    const second = await directory.findByBirthdayMonthDays(['03-15']);

    expect(second.map((context) => context.dealer)).toEqual([aDealer()]);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(1);
  });

  it('batch-gets only the dealers not yet cached', async () => {
    const ann = customerWithBirthday('c-0001', '1980-03-14');
    const bo = customerWithBirthday('c-0002', '1975-03-15', { dealerId: 'dealer-bj' });
    const beijing = aDealer({ id: 'dealer-bj', name: 'Beijing Motors' });
    serveTable([customerItem(ann), customerItem(bo), dealerItem(aDealer()), dealerItem(beijing)]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);
    await directory.findByBirthdayMonthDays(['03-14']);

    await directory.findByBirthdayMonthDays(['03-14', '03-15']);

    const requested = dynamo.commandCalls(BatchGetCommand).map((call) => call.args[0].input.RequestItems?.[tableName]?.Keys);
    expect(requested).toEqual([[dealerKey('dealer-sh')], [dealerKey('dealer-bj')]]);
  });

  it('retries the keys DynamoDB left unprocessed', async () => {
    const ann = customerWithBirthday('c-0001', '1980-03-14');
    serveTable([customerItem(ann)]);
    dynamo
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { [tableName]: [] }, UnprocessedKeys: { [tableName]: { Keys: [dealerKey('dealer-sh')] } } })
      .resolvesOnce({ Responses: { [tableName]: [dealerItem(aDealer())] } });
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const found = await directory.findByBirthdayMonthDays(['03-14']);

    expect(found.map((context) => context.dealer.id)).toEqual(['dealer-sh']);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(2);
  });

  it('throws CorruptItemError when a stored customer does not match the schema', async () => {
    const ann = customerWithBirthday('c-0001', '1980-03-14');
    serveTable([{ ...customerItem(ann), timeZone: 'Mars/Olympus_Mons' }, dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const finding = directory.findByBirthdayMonthDays(['03-14']);

    await expect(finding).rejects.toBeInstanceOf(CorruptItemError);
    await expect(finding).rejects.toThrow('CUST#c-0001/PROFILE');
  });

  it('throws CorruptItemError when a stored vehicle does not match the schema', async () => {
    const ann = customerWithBirthday('c-0001', '1980-03-14');
    serveTable([customerItem(ann), { ...vehicleItem(ann.id, aVehicle()), vin: 'not-a-vin' }, dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    await expect(directory.findByBirthdayMonthDays(['03-14'])).rejects.toBeInstanceOf(CorruptItemError);
  });

  it('throws CorruptItemError when a customer refers to a dealer that does not exist', async () => {
    const ann = customerWithBirthday('c-0001', '1980-03-14', { dealerId: 'dealer-gone' });
    serveTable([customerItem(ann), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    await expect(directory.findByBirthdayMonthDays(['03-14'])).rejects.toThrow(CorruptItemError);
  });

  it('returns nobody and reads no dealer when no customer has a birthday on those days', async () => {
    serveTable([customerItem(customerWithBirthday('c-0001', '1980-03-14')), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const found = await directory.findByBirthdayMonthDays(['12-25']);

    expect(found).toEqual([]);
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
  });
});

describe('DynamoDB customer directory: getCustomerContext', () => {
  it('returns undefined for a customer with no profile item', async () => {
    serveTable([dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const context = await directory.getCustomerContext('c-9999');

    expect(context).toBeUndefined();
    expect(dynamo.commandCalls(BatchGetCommand)).toHaveLength(0);
  });

  it('returns the customer with vehicles and dealer', async () => {
    const ann = aCustomer();
    const cars = [aVehicle(), aVehicle({ vin: 'WBA11AA010CH00002', model: 'X3' })];
    serveTable([customerItem(ann), ...cars.map((car) => vehicleItem(ann.id, car)), dealerItem(aDealer())]);
    const directory = createDynamoCustomerDirectory(documentClient, tableName);

    const context = await directory.getCustomerContext(ann.id);

    expect(context).toEqual({ customer: ann, vehicles: cars, dealer: aDealer() });
  });
});
