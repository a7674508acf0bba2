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
import { simulateCalendar } from '../../shared/use-cases/console-calendar';
import { computeCalendars } from '../../shared/use-cases/console-calendar-job';
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

        expect(snapshots.saved.size).toBeGreaterThan(0);
        for (const [id, calendar] of snapshots.saved) {
          const tenant = tenantFromId(id)!;
          const view = tenantView(snapshot, tenant);
          const own = await simulateCalendar(view, demo.brands, now.toISOString().slice(0, 10), now, run);
          expect(inOrder(calendar.sends)).toEqual(inOrder(own.sends));
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
      const calendar = snapshots.saved.get(tenantId({ kind: 'dealer', dealerId: dealer.id }))!;
      const own = new Set(snapshot.customers.filter((facts) => facts.customer.dealerId === dealer.id).map((facts) => facts.customer.id));
      expect(calendar).toMatchObject({ computedAt: now.toISOString(), from: '2026-03-10', to: '2026-06-07' });
      expect(calendar.sends.every((send) => own.has(send.customerId))).toBe(true);
      const sampled = Object.values(calendar.samples).flatMap((perLocale) => Object.values(perLocale).flat());
      expect(sampled.every((customerId) => own.has(customerId))).toBe(true);
      expect(Object.values(calendar.dueAhead).every((count) => count <= own.size)).toBe(true);
    }
    const brandIds = new Set(demo.dealers.flatMap((dealer) => (dealer.brandId ? [dealer.brandId] : [])));
    const allSends = [...brandIds].reduce((sum, brandId) => sum + snapshots.saved.get(`brand:${brandId}`)!.sends.length, 0);
    expect(allSends).toBe(summary.sends);
  });
});
