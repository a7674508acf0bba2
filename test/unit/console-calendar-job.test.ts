import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../local/demo-data';
import { runSimulation } from '../../shared/compose/console-calendar';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { createMemoryCalendarSnapshots } from '../../shared/adapters/memory/calendar-snapshots';
import { customerFacts } from '../../shared/domain/customer-facts';
import type { SimulatedSend } from '../../shared/domain/simulated-send';
import { tenantFromId, tenantId } from '../../shared/domain/tenant';
import type { BrandDirectory } from '../../shared/ports/customers';
import { listedPerDay, listedSends, mergeCalendars, simulateCalendar, calendarOf, unlistedOf } from '../../shared/use-cases/console-calendar';
import { calendarDueDates, computeCalendars, shardMessageOf, shardRunOf, shardsOf } from '../../shared/use-cases/console-calendar-job';
import { tenantView, type ConsoleSnapshot } from '../../shared/use-cases/console-snapshot';
import { shippedJourneysDir } from '../helpers/shipped-journeys';

const demo = generateDemoData();
const brands: BrandDirectory = { getBrand: async (brandId) => demo.brands.find((brand) => brand.id === brandId) };
const inOrder = (sends: readonly SimulatedSend[]) => [...sends].sort((a, b) => a.utc.localeCompare(b.utc) || a.customerId.localeCompare(b.customerId) || a.journeyId.localeCompare(b.journeyId) || a.messageId.localeCompare(b.messageId));

/** Some demo customers as the job reads them: every dealer, no ledger yet. */
function snapshotOf(indexes: readonly number[], now: Date): ConsoleSnapshot {
  const records = [...new Set(indexes)].map((index) => demo.customers[index]!);
  const dealers = new Map(demo.dealers.map((dealer) => [dealer.id, dealer]));
  return {
    takenAt: now,
    customers: records.map((record) => customerFacts(record, dealers.get(record.customer.dealerId)?.address.country)),
    dealerOf: new Map(records.map((record) => [record.customer.id, record.customer.dealerId])),
    dealers,
    handled: [],
    held: [],
    skipped: { customers: 0, ledger: 0 },
  };
}

describe('the calendar job', () => {
  it("gives each tenant, from one simulation of every customer, the sends a simulation of the tenant's own customers gives", async () => {
    const config = await loadJourneyConfig(shippedJourneysDir);
    const run = runSimulation(config);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: demo.customers.length - 1 }), { minLength: 4, maxLength: 12 }), fc.integer({ min: 0, max: 364 }), async (indexes, dayOfYear) => {
        const now = new Date(Date.UTC(2026, 0, 1 + dayOfYear, 6));
        const snapshot = snapshotOf(indexes, now);
        const snapshots = createMemoryCalendarSnapshots();

        await computeCalendars({ read: async () => snapshot, brands, journeys: config.journeys, run, snapshots }, now);

        // One object for the run's one shard, whatever the number of tenants in it.
        expect([...snapshots.saved.keys()]).toEqual(['calendar/shards/0-of-1']);
        for (const tenant of [...snapshot.dealers.values()].map((dealer) => tenantId({ kind: 'dealer', dealerId: dealer.id }))) {
          const view = tenantView(snapshot, tenantFromId(tenant)!);
          const own = await simulateCalendar(view, demo.brands, now.toISOString().slice(0, 10), now, run);
          const [calendar] = await snapshots.load(tenant);
          expect(calendar!.days).toEqual(calendarOf(own.sends));
          expect(inOrder(calendar!.sends)).toEqual(inOrder(listedSends(own.sends)));
        }
      }),
      { numRuns: 3 },
    );
  }, 120_000);

  it("writes each dealer's and brand's calendar with its own customers only, their due counts and preview samples", async () => {
    const config = await loadJourneyConfig(shippedJourneysDir);
    const now = new Date('2026-03-10T06:00:00Z');
    const snapshot = snapshotOf([0, 1, 2, 3, 4, 5, 6, 7], now);
    const snapshots = createMemoryCalendarSnapshots();

    const summary = await computeCalendars({ read: async () => snapshot, brands, journeys: config.journeys, run: runSimulation(config), snapshots }, now);

    expect(summary).toMatchObject({ customers: 8, skipped: 0 });
    expect(summary.sends).toBeGreaterThan(0);
    for (const dealer of demo.dealers) {
      const [calendar] = await snapshots.load(tenantId({ kind: 'dealer', dealerId: dealer.id }));
      const own = new Set(snapshot.customers.filter((facts) => facts.customer.dealerId === dealer.id).map((facts) => facts.customer.id));
      expect(calendar).toMatchObject({ computedAt: now.toISOString(), from: '2026-03-10', to: '2026-06-07', shard: { index: 0, of: 1 } });
      expect(calendar!.sends.every((send) => own.has(send.customerId))).toBe(true);
      const sampled = Object.values(calendar!.samples).flatMap((perLocale) => Object.values(perLocale).flat());
      expect(sampled.every((customerId) => own.has(customerId))).toBe(true);
      expect(Object.values(calendar!.dueAhead).every((count) => count <= own.size)).toBe(true);
    }
    const brandIds = new Set(demo.dealers.flatMap((dealer) => (dealer.brandId ? [dealer.brandId] : [])));
    // Few customers: no day reaches the list's limit, so the brands' lists hold every send.
    let allSends = 0;
    for (const brandId of brandIds) allSends += (await snapshots.load(`brand:${brandId}`))[0]!.sends.length;
    expect(allSends).toBe(summary.sends);
  });

  it('adds up, from the shards of a run, the calendar one unsharded run gives each tenant', async () => {
    const config = await loadJourneyConfig(shippedJourneysDir);
    const run = runSimulation(config);
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat({ max: demo.customers.length - 1 }), { minLength: 4, maxLength: 12 }), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 0, max: 364 }), async (indexes, of, dayOfYear) => {
        const now = new Date(Date.UTC(2026, 0, 1 + dayOfYear, 6));
        const whole = snapshotOf(indexes, now);
        // A shard reads a slice of the table: here, customers by their position.
        const sliceOf = (index: number): ConsoleSnapshot => ({ ...whole, customers: whole.customers.filter((_, position) => position % of === index) });
        const unsharded = createMemoryCalendarSnapshots();
        const sharded = createMemoryCalendarSnapshots();

        await computeCalendars({ read: async () => whole, brands, journeys: config.journeys, run, snapshots: unsharded }, now);
        for (const shard of shardsOf(of)) await computeCalendars({ read: async () => sliceOf(shard.index), brands, journeys: config.journeys, run, snapshots: sharded }, now, shard);

        for (const tenant of [...whole.dealers.values()].map((dealer) => tenantId({ kind: 'dealer', dealerId: dealer.id }))) {
          const one = mergeCalendars(await unsharded.load(tenant))!;
          const added = mergeCalendars(await sharded.load(tenant))!;
          expect(added.complete).toBe(true);
          expect(added.days).toEqual(one.days);
          expect(added.dueAhead).toEqual(one.dueAhead);
          expect(inOrder(added.sends)).toEqual(inOrder(one.sends));
        }
      }),
      { numRuns: 3 },
    );
  }, 120_000);

  it('keeps only the shards of the newest split, and the newest calendar of each shard', () => {
    const part = (computedAt: string, index: number, of: number, total: number) => ({
      computedAt,
      from: '2026-03-10',
      to: '2026-06-07',
      shard: { index, of },
      days: [{ date: '2026-03-11', total, channels: { email: total }, journeys: { birthday: { email: total } } }],
      sends: [],
      unlisted: { '2026-03-11': total },
      dueAhead: { birthday: total },
      samples: {},
    });

    const merged = mergeCalendars([part('2026-03-09T02:00:00.000Z', 0, 1, 100), part('2026-03-10T02:00:00.000Z', 0, 2, 1), part('2026-03-10T02:01:00.000Z', 1, 2, 2), part('2026-03-09T02:00:00.000Z', 1, 2, 50)])!;

    expect(merged.days).toEqual([{ date: '2026-03-11', total: 3, channels: { email: 3 }, journeys: { birthday: { email: 3 } } }]);
    expect(merged).toMatchObject({ dueAhead: { birthday: 3 }, unlisted: { '2026-03-11': 3 }, complete: true, computedAt: '2026-03-10T02:00:00.000Z' });
    expect(mergeCalendars([])).toBeUndefined();
  });

  it('lists at most the first sends of each day, in time order', () => {
    const send = (utc: string, customerId: string) => ({ customerId, dealerId: 'd', journeyId: 'j', messageId: 'm', channel: 'email' as const, category: 'promotional' as const, occurrence: '2026', localDate: utc.slice(0, 10), localTime: '09:00', utc, outcome: 'sent' as const });
    const many = Array.from({ length: listedPerDay + 5 }, (_, index) => send(`2026-03-11T09:${String(index % 60).padStart(2, '0')}:00.000Z`, `c-${String(index).padStart(4, '0')}`));

    const listed = listedSends([send('2026-03-12T08:00:00.000Z', 'other'), ...many.toReversed()]);

    expect(listed.filter((one) => one.localDate === '2026-03-11')).toHaveLength(listedPerDay);
    expect(listed.filter((one) => one.localDate === '2026-03-12')).toHaveLength(1);
    expect(listed[0]!.utc).toBe('2026-03-11T09:00:00.000Z');
    expect(unlistedOf([send('2026-03-12T08:00:00.000Z', 'other'), ...many])).toEqual({ '2026-03-11': 5 });
  });

  it('says of each day how many sends its list leaves out: listed and left out add up to the day', () => {
    const send = (localDate: string, index: number) => ({ customerId: `c-${index}`, dealerId: 'd', journeyId: 'j', messageId: 'm', channel: 'email' as const, category: 'promotional' as const, occurrence: '2026', localDate, localTime: '09:00', utc: `${localDate}T09:00:00.000Z`, outcome: 'sent' as const });
    fc.assert(
      fc.property(fc.array(fc.constantFrom('2026-03-11', '2026-03-12', '2026-03-13'), { maxLength: 60 }), fc.integer({ min: 1, max: 20 }), (dates, perDay) => {
        const sends = dates.map(send);
        const listed = listedSends(sends, perDay);
        const unlisted = unlistedOf(sends, perDay);
        for (const date of new Set(dates)) {
          expect(listed.filter((one) => one.localDate === date).length + (unlisted[date] ?? 0)).toBe(dates.filter((one) => one === date).length);
        }
        expect(Object.values(unlisted).every((count) => count > 0)).toBe(true);
      }),
    );
  });
});

describe('a shard message', () => {
  it("carries the run's instant, so shards invoked after midnight UTC still read the run's window", () => {
    const runAt = new Date('2026-03-14T23:59:30Z');
    const received = new Date('2026-03-15T00:02:00Z');

    const runs = shardsOf(3).map((shard) => shardRunOf(shardMessageOf(shard, runAt), received));

    expect(runs.map(({ shard }) => shard)).toEqual(shardsOf(3));
    expect(runs.map(({ now }) => now.toISOString())).toEqual([runAt.toISOString(), runAt.toISOString(), runAt.toISOString()]);
    // The day it guards: a window computed at receipt would start and end a day later.
    expect(calendarDueDates(runs[0]!.now)).not.toEqual(calendarDueDates(received));
  });

  it('computes from its receipt when queued before messages carried the instant, and refuses a malformed one', () => {
    const received = new Date('2026-03-15T02:00:00Z');

    expect(shardRunOf(JSON.stringify({ index: 1, of: 4 }), received)).toEqual({ shard: { index: 1, of: 4 }, now: received });
    expect(() => shardRunOf(JSON.stringify({ index: 4, of: 4, runAt: '2026-03-15T02:00:00Z' }), received)).toThrow();
    expect(() => shardRunOf(JSON.stringify({ index: 0, of: 4, runAt: 'yesterday' }), received)).toThrow();
  });
});
