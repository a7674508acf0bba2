import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoConsoleSlice } from '../../shared/adapters/dynamodb/console-slice';
import { shardsOf } from '../../shared/use-cases/console-calendar-job';
import { aCustomerContext, aDealer } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';

describe('the calendar job\'s shards on dynalite', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  const dealer = aDealer({ id: 'dealer-sh', brandId: 'bmw-cn' });
  const customerIds = Array.from({ length: 24 }, (_, index) => `shard-${String(index).padStart(2, '0')}`);

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
    await putCustomers(engine, customerIds.map((id) => ({ ...aCustomerContext({ id, dealerId: dealer.id }), dealer })), { from: '2026-03-14' });
  }, 120_000);

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('split the customers between them: each customer in exactly one shard, whole', async () => {
    const shards = shardsOf(3);

    const read = await Promise.all(shards.map((slice) => createDynamoConsoleSlice(engine.dynamo, engine.tableName, { slice }).read('2026-03-12')));

    expect(read.flatMap((contents) => contents.customers.map((record) => record.customer.id)).sort()).toEqual(customerIds);
    expect(read.every((contents) => contents.customers.length > 0 && contents.skipped.customers === 0)).toBe(true);
  });

  it('reads every customer whole, whatever page size and segments split the partitions across Scan pages', async () => {
    const byId = (contents: { customers: { customer: { id: string } }[] }) => [...contents.customers].sort((a, b) => a.customer.id.localeCompare(b.customer.id));
    const whole = await createDynamoConsoleSlice(engine.dynamo, engine.tableName, { segments: 1 }).read('2026-03-12');
    expect(whole.customers.every((record) => record.vehicles.length > 0)).toBe(true);

    await fc.assert(
      // A page of 1 to 7 items: a customer's profile and cars straddle pages.
      fc.asyncProperty(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 }), async (itemsPerPage, segments) => {
        const paged = await createDynamoConsoleSlice(engine.dynamo, engine.tableName, { itemsPerPage, segments }).read('2026-03-12');
        expect(byId(paged)).toEqual(byId(whole));
        expect(paged.skipped).toEqual({ customers: 0, ledger: 0 });
      }),
      { numRuns: 6 },
    );
  }, 60_000);
});
