import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoBrandDirectory } from '../../shared/adapters/dynamodb/brand-directory';
import { createDynamoCustomerDirectory } from '../../shared/adapters/dynamodb/customer-directory';
import { createDynamoCustomerListing } from '../../shared/adapters/dynamodb/customer-listing';
import { createDynamoCustomerStore } from '../../shared/adapters/dynamodb/customer-store';
import { createMemoryCustomerBase } from '../../shared/adapters/memory/customers';
import type { CustomerRecord } from '../../shared/domain/customer';
import type { BrandDirectory, CustomerDirectory, CustomerListing, CustomerStore } from '../../shared/ports/customers';
import { aBrand, aComplaint, aCustomer, aDealer, aVehicle, aVisit } from '../helpers/factories';
import { freshEngineTable, startTestEngine } from '../helpers/local-engine';

interface Customers {
  store: CustomerStore;
  directory: CustomerDirectory;
  listing: CustomerListing;
  brands: BrandDirectory;
}

const aRecord = (id: string, overrides: Partial<CustomerRecord> = {}): CustomerRecord => ({
  customer: aCustomer({ id }),
  vehicles: [aVehicle()],
  visits: [aVisit()],
  complaints: [aComplaint()],
  ...overrides,
});

/** The rules every customer store, directory, listing and brand directory keep: run against memory and DynamoDB on dynalite. */
function customersContract(newCustomers: () => Promise<Customers>) {
  it('saves after comparing: imported, then unchanged when the same, updated when changed', async () => {
    const { store } = await newCustomers();
    const record = aRecord('c-1');

    expect(await store.saveBrands([aBrand()])).toEqual(['imported']);
    expect(await store.saveBrands([aBrand()])).toEqual(['unchanged']);
    expect(await store.saveDealers([aDealer()])).toEqual(['imported']);
    expect(await store.saveDealers([aDealer({ name: 'Renamed Motors' })])).toEqual(['updated']);
    expect(await store.saveCustomers([record, aRecord('c-2')])).toEqual(['imported', 'imported']);
    expect(await store.saveCustomers([record])).toEqual(['unchanged']);
    expect(await store.saveCustomers([{ ...record, customer: { ...record.customer, firstName: 'Anna' } }])).toEqual(['updated']);
  });

  it('tells which brand and dealer ids are stored', async () => {
    const { store } = await newCustomers();
    await store.saveBrands([aBrand()]);
    await store.saveDealers([aDealer()]);

    expect(await store.existingBrands([aBrand().id, 'brand-none'])).toEqual(new Set([aBrand().id]));
    expect(await store.existingDealers([aDealer().id, 'dealer-none'])).toEqual(new Set([aDealer().id]));
  });

  it("reads a customer's context with the dealer; a saved record replaces the cars, visits and complaints left out", async () => {
    const { store, directory } = await newCustomers();
    await store.saveDealers([aDealer()]);
    await store.saveCustomers([aRecord('c-1', { vehicles: [aVehicle(), aVehicle({ vin: 'WBA11AA010CH00002' })] })]);
    await store.saveCustomers([aRecord('c-1', { complaints: [] })]);

    const context = await directory.getCustomerContext('c-1');

    expect(context).toMatchObject({ customer: aCustomer({ id: 'c-1' }), vehicles: [aVehicle()], visits: [aVisit()], complaints: [], dealer: aDealer() });
    expect(await directory.getCustomerContext('c-unknown')).toBeUndefined();
  });

  it('lists every stored customer once, with their facts, page after page', async () => {
    const { store, listing } = await newCustomers();
    await store.saveDealers([aDealer()]);
    const ids = Array.from({ length: 7 }, (_, index) => `c-${index + 1}`);
    await store.saveCustomers(ids.map((id) => aRecord(id)));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listing.listCustomers(cursor);
      seen.push(...page.customers.map((facts) => facts.customer.id));
      expect(page.customers.every((facts) => facts.dealerCountry === aDealer().address.country)).toBe(true);
      cursor = page.cursor;
      pages += 1;
    } while (cursor !== undefined && pages < 20);

    expect(await listing.countCustomers()).toBe(7);
    expect(seen.sort()).toEqual(ids.sort());
  });

  it('reads a stored brand, and nothing for an unknown one', async () => {
    const { store, brands } = await newCustomers();
    await store.saveBrands([aBrand()]);

    expect(await brands.getBrand(aBrand().id)).toEqual(aBrand());
    expect(await brands.getBrand('brand-none')).toBeUndefined();
  });
}

describe('customers contract: in memory', () => {
  customersContract(async () => createMemoryCustomerBase());
});

describe('customers contract: DynamoDB on dynalite', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let tables = 0;

  beforeAll(async () => {
    engine = await startTestEngine();
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  customersContract(async () => {
    const table = await freshEngineTable(engine, `customers-contract-${(tables += 1)}`);
    return {
      store: createDynamoCustomerStore(engine.dynamo, table),
      directory: createDynamoCustomerDirectory(engine.dynamo, table),
      listing: createDynamoCustomerListing(engine.dynamo, table, { itemsPerSegment: 3 }),
      brands: createDynamoBrandDirectory(engine.dynamo, table),
    };
  });
});
