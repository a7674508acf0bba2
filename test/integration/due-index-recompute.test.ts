import { PutCommand } from '../../shared/adapters/dynamodb/document-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customerRecordItems, dealerItem } from '../../shared/adapters/dynamodb/customer-items';
import { createDynamoCustomerListing } from '../../shared/adapters/dynamodb/customer-listing';
import { createDynamoDueIndex } from '../../shared/adapters/dynamodb/due-index';
import { createDynamoDueIndexState } from '../../shared/adapters/dynamodb/due-index-state';
import { customerKey } from '../../shared/adapters/dynamodb/keys';
import { batchWriteAll } from '../../shared/adapters/dynamodb/batch-write';
import type { CustomerContext } from '../../shared/domain/customer';
import { Journey } from '../../shared/domain/journey/schema';
import { pseudonym } from '../../shared/logging';
import type { SkippedRecord } from '../../shared/ports/customers';
import { recomputeDueIndex } from '../../shared/use-cases/recompute-due-index';
import { runScheduledTick } from '../../shared/use-cases/scheduled-tick';
import { aCustomerContext, aDealer, aVehicle } from '../helpers/factories';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { freshEngineTable, startTestEngine } from '../helpers/local-engine';

const welcomeAfter = (days: number) =>
  Journey.parse({ id: 'welcome', name: 'Welcome', trigger: { type: 'vehicle-date', after: { days }, sendAt: '10:00' }, steps: [{ id: 'email', channel: 'email', template: 'welcome-email' }] });

/** The due index's recompute on dynalite: by itself, resumable, one bad record skipped. */
describe('the due index recomputes itself', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let tables = 0;

  beforeAll(async () => {
    engine = await startTestEngine({ journeys: ['birthday'] });
  });
  afterAll(async () => {
    await engine?.cleanUp();
  });

  /** A fresh table with these customers stored as an old import did: profile items, no due entries. */
  async function storedWithoutEntries(contexts: CustomerContext[]) {
    const tableName = await freshEngineTable(engine, `recompute-${(tables += 1)}`);
    const items = [dealerItem(aDealer()), ...contexts.flatMap(customerRecordItems)];
    await batchWriteAll(engine.dynamo, tableName, items.map((Item) => ({ PutRequest: { Item } })));
    const dueIndex = createDynamoDueIndex(engine.dynamo, tableName);
    return {
      tableName,
      dueIndex,
      dueIndexState: createDynamoDueIndexState(engine.dynamo, tableName),
      customerListing: createDynamoCustomerListing(engine.dynamo, tableName, { segments: 3, itemsPerSegment: 4 }),
      dueOn: async (date: string) => (await dueIndex.readDue([date])).due.map((facts) => facts.customer.id).sort(),
    };
  }

  const owners = (count: number, deliveredOn: string) =>
    Array.from({ length: count }, (_, index) => aCustomerContext({ id: `owner-${index}`, birthDate: undefined }, [aVehicle({ deliveredOn })]));

  it('moves stored customers to the dates of a changed offset at the next tick, with no command run', async () => {
    const table = await storedWithoutEntries(owners(5, '2026-03-01'));
    const tick = (journeys: Journey[], now: string) =>
      runScheduledTick({ now: new Date(now) }, { journeys, ...table, ledger: createMemoryLedger(), queue: createMemoryDispatchQueue() });

    const first = await tick([welcomeAfter(30)], '2026-03-02T12:00:00Z');
    const before = await table.dueOn('2026-03-31');
    // A deploy changes the offset from 30 to 20 days: the next tick notices and refiles everyone.
    const afterDeploy = await tick([welcomeAfter(20)], '2026-03-02T13:00:00Z');
    const unchanged = await tick([welcomeAfter(20)], '2026-03-02T14:00:00Z');

    expect(first.recompute).toMatchObject({ outcome: 'finished', filed: 5, status: 'current', done: 5, total: 5 });
    expect(before).toHaveLength(5);
    expect(afterDeploy.recompute).toMatchObject({ outcome: 'finished', filed: 5 });
    expect(await table.dueOn('2026-03-31')).toEqual([]);
    expect(await table.dueOn('2026-03-21')).toHaveLength(5);
    expect(unchanged.recompute).toMatchObject({ outcome: 'current', filed: 0 });
  });

  it('goes on from its saved cursor after a run that ran out of time, and files each customer', async () => {
    const table = await storedWithoutEntries(owners(30, '2026-03-01'));
    const deps = { journeys: [welcomeAfter(30)], ...table };
    let pagesAllowed = 1;
    const mayContinue = () => pagesAllowed-- > 0;

    const cutShort = await recomputeDueIndex({ now: new Date('2026-03-02T12:00:00Z'), mayContinue }, deps);
    const saved = await table.dueIndexState.read();
    const resumed = await recomputeDueIndex({ now: new Date('2026-03-02T13:00:00Z') }, deps);

    expect(cutShort).toMatchObject({ outcome: 'paused', state: { status: 'recomputing', total: 30 } });
    expect(saved?.cursor).toBeDefined();
    expect(saved!.done).toBeGreaterThan(0);
    expect(saved!.done).toBeLessThan(30);
    expect(resumed).toMatchObject({ outcome: 'finished', filed: 30 - saved!.done, state: { status: 'current', done: 30, computedFrom: '2026-03-02' } });
    expect(resumed.state).not.toHaveProperty('cursor');
    expect(await table.dueOn('2026-03-31')).toHaveLength(30);
  });

  it('stops, without writing its state over, when another run wrote the state meanwhile', async () => {
    const table = await storedWithoutEntries(owners(30, '2026-03-01'));
    const deps = { journeys: [welcomeAfter(30)], ...table };
    await recomputeDueIndex({ now: new Date('2026-03-02T12:00:00Z'), mayContinue: () => false }, deps);
    // An overlapping run (a slow tick and the next one) takes the walk over while this one lists its page.
    const overlapping = {
      ...table.customerListing,
      async listCustomers(cursor: string | undefined) {
        const page = await table.customerListing.listCustomers(cursor);
        const stored = (await table.dueIndexState.read())!;
        await table.dueIndexState.write({ ...stored, done: 99, version: stored.version + 1 }, stored.version);
        return page;
      },
    };

    const result = await recomputeDueIndex({ now: new Date('2026-03-02T13:00:00Z') }, { ...deps, customerListing: overlapping });

    expect(result.outcome).toBe('taken-over');
    expect(await table.dueIndexState.read()).toMatchObject({ done: 99, status: 'recomputing' });
  });

  it('skips and counts a customer whose stored items are bad, and files every other one', async () => {
    const table = await storedWithoutEntries(owners(6, '2026-03-01'));
    await engine.dynamo.send(new PutCommand({ TableName: table.tableName, Item: { ...customerRecordItems(owners(1, '2026-03-01')[0]!)[0], ...customerKey('broken'), id: 'broken', timeZone: 'Mars/Olympus_Mons' } }));
    const skipped: SkippedRecord[] = [];

    const result = await recomputeDueIndex({ now: new Date('2026-03-02T12:00:00Z') }, { journeys: [welcomeAfter(30)], ...table, onSkippedRecord: (record) => skipped.push(record) });

    expect(result).toMatchObject({ outcome: 'finished', state: { done: 6, total: 7, skipped: 1 } });
    expect(skipped).toEqual([{ record: pseudonym('broken'), issues: [expect.objectContaining({ path: 'customer.timeZone' })] }]);
    expect(await table.dueOn('2026-03-31')).toHaveLength(6);
  });

  it('plans, late, a customer whose new due date passed while the recompute was still running', async () => {
    const ann = aCustomerContext({ id: 'ann', birthDate: undefined }, [aVehicle({ deliveredOn: '2026-03-01' })]);
    const table = await storedWithoutEntries([ann, ...owners(30, '2025-01-01')]);
    const queue = createMemoryDispatchQueue();
    const ledger = createMemoryLedger();
    let pagesAllowed = 0;
    const tick = (journeys: Journey[], now: string) =>
      runScheduledTick({ now: new Date(now), mayContinue: () => pagesAllowed-- > 0 }, { journeys, ...table, ledger, queue });
    // Filed under the 31st with the journeys of before the deploy, and recomputed.
    pagesAllowed = 100;
    await tick([welcomeAfter(30)], '2026-03-02T12:00:00Z');

    // The deploy moves her to the 4th; the recompute starts on the 3rd and files no page yet.
    pagesAllowed = 0;
    const started = await tick([welcomeAfter(3)], '2026-03-03T12:00:00Z');
    // It goes on over the next days' ticks (time for one page each), filing her under a date already past.
    const later: Awaited<ReturnType<typeof tick>>[] = [];
    for (let hour = 10; hour < 20; hour += 1) {
      const now = `2026-03-06T${hour}:00:00Z`;
      pagesAllowed = 1;
      later.push(await tick([welcomeAfter(3)], now));
    }
    const state = await table.dueIndexState.read();

    expect(started.recompute).toMatchObject({ outcome: 'paused', status: 'recomputing', done: 0 });
    expect(queue.messages.filter((message) => message.customerId === 'ann')).toEqual([expect.objectContaining({ journeyId: 'welcome', occurrenceDate: '2026-03-04' })]);
    expect(later.some((summary) => summary.catchUp !== undefined && summary.catchUp.found === 1)).toBe(true);
    // Once done and nobody is left under the past dates, the catch-up ends.
    expect(state).toMatchObject({ status: 'current', computedFrom: '2026-03-03' });
    expect(state).not.toHaveProperty('catchUpFrom');
  });

  it('plans, late, a customer left under a day whose ticks never ran, instead of never again', async () => {
    const ann = aCustomerContext({ id: 'ann', birthDate: undefined }, [aVehicle({ deliveredOn: '2026-03-01' })]);
    const table = await storedWithoutEntries([ann]);
    const queue = createMemoryDispatchQueue();
    const tick = (now: string) => runScheduledTick({ now: new Date(now) }, { journeys: [welcomeAfter(3)], ...table, ledger: createMemoryLedger(), queue });
    // Filed under the 4th, her welcome day; then no tick runs on the 4th anywhere (an outage).
    await tick('2026-03-02T12:00:00Z');
    // The recompute's own catch-up is over by the 3rd's ticks: only the look-back can find her now.
    await tick('2026-03-03T13:00:00Z');
    expect(await table.dueIndexState.read()).not.toHaveProperty('catchUpFrom');
    expect(await table.dueOn('2026-03-04')).toEqual(['ann']);

    const afterOutage = await tick('2026-03-05T13:00:00Z');

    expect(queue.messages).toEqual([expect.objectContaining({ customerId: 'ann', journeyId: 'welcome', occurrenceDate: '2026-03-04' })]);
    expect(afterOutage.catchUp).toMatchObject({ found: 1 });
    expect(await table.dueOn('2026-03-04')).toEqual([]);
  });
});
