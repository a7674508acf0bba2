import { beforeEach, describe, expect, it } from 'vitest';
import { GetCommand } from '../../../shared/adapters/dynamodb/document-client';
import { fakeDocumentClient } from '../../helpers/fake-document-client';
import { createDynamoBrandDirectory } from '../../../shared/adapters/dynamodb/brand-directory';
import { brandItem } from '../../../shared/adapters/dynamodb/customer-items';
import { brandKey } from '../../../shared/adapters/dynamodb/keys';
import { CorruptItemError } from '../../../shared/domain/errors';
import { aBrand } from '../../helpers/factories';

const dynamo = fakeDocumentClient();
const documentClient = dynamo.client;

beforeEach(() => {
  dynamo.reset();
});

describe('DynamoDB brand directory', () => {
  it('reads a brand by its key once and keeps it for later messages', async () => {
    dynamo.on(GetCommand).resolves({ Item: brandItem(aBrand()) });
    const brands = createDynamoBrandDirectory(documentClient, 'engine-table');

    const first = await brands.getBrand('brand-cn');
    const second = await brands.getBrand('brand-cn');

    expect(first).toEqual(aBrand());
    expect(second).toEqual(aBrand());
    expect(dynamo.commandCalls(GetCommand).map((call) => call.args[0].input.Key)).toEqual([brandKey('brand-cn')]);
  });

  it('answers undefined for a brand not stored, and asks again next time (it may be imported meanwhile)', async () => {
    dynamo.on(GetCommand).resolves({});
    const brands = createDynamoBrandDirectory(documentClient, 'engine-table');

    expect(await brands.getBrand('brand-cn')).toBeUndefined();
    expect(await brands.getBrand('brand-cn')).toBeUndefined();
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(2);
  });

  it('fails with CorruptItemError on an item that does not match the brand schema', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...brandItem(aBrand()), email: 'not an address' } });

    await expect(createDynamoBrandDirectory(documentClient, 'engine-table').getBrand('brand-cn')).rejects.toThrow(CorruptItemError);
  });
});
