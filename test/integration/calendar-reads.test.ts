import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meterDynamoTraffic } from '../../bench/dynamo-traffic';
import { generateDemoData } from '../../local/demo-data';
import { recomputeForDate } from '../../local/recompute';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { seedDemoData } from '../../local/seed';
import { createMemoryCalendarSnapshots } from '../../shared/adapters/memory/calendar-snapshots';
import { composeCalendarJob } from '../../shared/compose/console-calendar';
import { loadJourneys } from '../../shared/compose/journeys';
import { readCalendarJobEnv } from '../../shared/config/console-env';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { CustomerFacts } from '../../shared/domain/customer-facts';
import type { CustomerListing } from '../../shared/ports/customers';
import { createDynamoCustomerListing } from '../../shared/adapters/dynamodb/customer-listing';
import type { SimulatedSend } from '../../shared/domain/simulated-send';
import { tenantId } from '../../shared/domain/tenant';
import { mergeCalendars } from '../../shared/use-cases/console-calendar';
import { calendarDueDates, computeCalendars, shardsOf } from '../../shared/use-cases/console-calendar-job';
import type { ConsoleSnapshot } from '../../shared/use-cases/console-snapshot';
import { startTestEngine } from '../helpers/local-engine';

const date = '2026-03-14';
const now = new Date(`${date}T06:00:00Z`);
const demo = generateDemoData(240);
const inOrder = (sends: readonly SimulatedSend[]) => [...sends].sort((a, b) => a.utc.localeCompare(b.utc) || a.customerId.localeCompare(b.customerId) || a.journeyId.localeCompare(b.journeyId) || a.messageId.localeCompare(b.messageId));
const byId = <T extends { customer: { id: string } }>(records: readonly T[]) => [...records].sort((a, b) => a.customer.id.localeCompare(b.customer.id));

async function listAll(listing: CustomerListing): Promise<CustomerFacts[]> {
  const customers: CustomerFacts[] = [];
  let cursor: string | undefined;
  do {
    const page = await listing.listCustomers(cursor);
    customers.push(...page.customers);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return customers;
}

describe("the calendar job's read of its slice on dynalite", () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let job: ReturnType<typeof composeCalendarJob>;

  beforeAll(async () => {
    engine = await startTestEngine();
    await seedDemoData(engine.dynamo, engine.tableName, demo);
    const { journeys } = await loadJourneyConfig(process.env.JOURNEYS_DIR!);
    await recomputeForDate(engine.dynamo, engine.tableName, { journeys, date }, () => undefined);
    // A day run and dispatched: the ledger holds occurrences (and maybe held messages) to start from.
    await evaluateDate(engine.handlers.evaluate, date);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    const env = readCalendarJobEnv({ ...process.env, TABLE_NAME: engine.tableName, CALENDAR_SHARDS: '1' });
    job = composeCalendarJob(env, await loadJourneys(env));
  }, 240_000);

  afterAll(async () => {
    await engine?.cleanUp();
  });

  it('reads each shard through the due index: Queries only, each customer\'s entry and ledger range once, no Scan', async () => {
    const shards = shardsOf(2);
    const meter = meterDynamoTraffic(engine.stack.ports.dynamodb);
    const snapshots: ConsoleSnapshot[] = [];
    try {
      for (const shard of shards) snapshots.push(await job.read(now, shard));
    } finally {
      meter.stop();
    }
    const traffic = meter.take();

    expect([...traffic.keys()].sort()).toEqual(['BatchGetItem', 'GetItem', 'Query']);
    // The due index's state a shard, and one BatchGet of the dealers a shard.
    expect(traffic.get('GetItem')!.requests).toBe(shards.length);
    expect(traffic.get('BatchGetItem')!.requests).toBe(shards.length);
    // A Query per index partition of the window: 4 of due entries a day, split between the shards,
    // and 4 of held messages a day in every shard (the held messages of a shard's customers whose
    // ledger range it skips are in any of them); and one per customer read whose ledger range may
    // hold occurrences of the days kept: here every one (filed, none moved since).
    const { from, to } = calendarDueDates(now);
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
    const customersRead = snapshots.reduce((sum, snapshot) => sum + snapshot.customers.length, 0);
    expect(customersRead).toBe(demo.customers.length);
    expect(traffic.get('Query')!.requests).toBe(days * 4 + days * 4 * shards.length + customersRead);
    // Each due entry and each ledger entry kept is read once; no profile item is read.
    const ledgerEntries = snapshots.reduce((sum, snapshot) => sum + snapshot.handled.length + snapshot.held.length, 0);
    expect(snapshots.some((snapshot) => snapshot.handled.length > 0)).toBe(true);
    expect(traffic.get('Query')!.itemsRead).toBe(customersRead + ledgerEntries);
  }, 60_000);

  it('gives every tenant, from its shards added up, the calendar of the customers as the customer listing reads them, with the ledger', async () => {
    const whole = await job.read(now, { index: 0, of: 1 });
    // The customer listing (the due index's) reads each customer with a Query, as the job did before.
    const listed = await listAll(createDynamoCustomerListing(engine.dynamo, engine.tableName));
    const expected: ConsoleSnapshot = {
      ...whole,
      customers: byId(listed),
      dealerOf: new Map(demo.customers.map((record) => [record.customer.id, record.customer.dealerId])),
      dealers: new Map(demo.dealers.map((dealer) => [dealer.id, dealer])),
    };
    expect(listed.map((facts) => facts.customer.id).sort()).toEqual(demo.customers.map((record) => record.customer.id).sort());
    expect(whole.customers).toEqual(expected.customers);
    expect(whole.dealerOf).toEqual(expected.dealerOf);
    expect(whole.dealers).toEqual(expected.dealers);
    expect(whole.skipped).toEqual({ customers: 0, ledger: 0 });

    const fromDemo = createMemoryCalendarSnapshots();
    const sharded = createMemoryCalendarSnapshots();
    await computeCalendars({ ...job, read: async () => expected, snapshots: fromDemo }, now);
    for (const shard of shardsOf(3)) await computeCalendars({ ...job, snapshots: sharded }, now, shard);

    for (const tenant of [...demo.dealers.map((dealer) => tenantId({ kind: 'dealer', dealerId: dealer.id })), ...demo.brands.map((brand) => `brand:${brand.id}`)]) {
      const one = mergeCalendars(await fromDemo.load(tenant));
      const added = mergeCalendars(await sharded.load(tenant));
      expect(added?.complete).toBe(true);
      expect(added?.days).toEqual(one?.days);
      expect(added?.dueAhead).toEqual(one?.dueAhead);
      expect(inOrder(added?.sends ?? [])).toEqual(inOrder(one?.sends ?? []));
    }
  }, 120_000);
});
