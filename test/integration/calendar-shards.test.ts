import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoConsoleActivity } from '../../shared/adapters/dynamodb/console-activity';
import { createDynamoCustomerListing } from '../../shared/adapters/dynamodb/customer-listing';
import type { CustomerListing } from '../../shared/ports/customers';
import { shardsOf } from '../../shared/use-cases/console-calendar-job';
import { aCustomerContext, aDealer } from '../helpers/factories';
import { putCustomers, startTestEngine } from '../helpers/local-engine';

async function idsOf(listing: CustomerListing): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listing.listCustomers(cursor);
    ids.push(...page.customers.map((facts) => facts.customer.id));
    cursor = page.cursor;
  } while (cursor !== undefined);
  return ids;
}

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

  it('split the customers between them: each customer in exactly one shard, with its dealer', async () => {
    const shards = shardsOf(3);

    const listed = await Promise.all(shards.map((slice) => idsOf(createDynamoCustomerListing(engine.dynamo, engine.tableName, { slice }))));
    const dealt = await Promise.all(shards.map(async (slice) => [...(await createDynamoConsoleActivity(engine.dynamo, engine.tableName, { slice }).recentActivity('2026-03-12')).dealerOf.keys()]));

    expect(listed.flat().sort()).toEqual(customerIds);
    expect(dealt.flat().sort()).toEqual(customerIds);
    for (const [index, ids] of listed.entries()) expect(new Set(dealt[index])).toEqual(new Set(ids));
  });
});
