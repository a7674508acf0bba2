import * as z from 'zod';
import type { Brand } from '../domain/brand';
import type { Dealer } from '../domain/customer';
import type { Journey } from '../domain/journey/schema';
import { tenantId, type Tenant } from '../domain/tenant';
import { CalendarShard, type CalendarSnapshots, type TenantCalendar } from '../ports/calendar-snapshots';
import type { BrandDirectory } from '../ports/customers';
import { addDays, datesCurrentAnywhere, type IsoDate } from '../domain/dates';
import { calendarDays, calendarOf, listedSends, simulateCalendar, unlistedOf, type RunSimulation } from './console-calendar';
import { dueCounts } from './console-journeys';
import { previewSamples } from './console-previews';
import { tenantView, type ConsoleSnapshot, type TenantView } from './console-snapshot';
import { lookBackDays } from './scheduled-tick';

export interface CalendarJobDeps {
  /** The shard's customers and their ledger's recent occurrences and held messages (the due index's window, or a Scan of its slice: the job's reads, never a console request's). */
  read: (now: Date, shard: CalendarShard) => Promise<ConsoleSnapshot>;
  brands: BrandDirectory;
  journeys: readonly Journey[];
  run: RunSimulation;
  snapshots: CalendarSnapshots;
}

export interface CalendarJobSummary {
  tenants: number;
  customers: number;
  sends: number;
  /** Customer records and ledger items that did not parse: left out, counted. */
  skipped: number;
}

/** The brands of these dealers, each once, in order. */
const brandIdsOf = (dealers: readonly Dealer[]): string[] => [...new Set(dealers.flatMap((dealer) => (dealer.brandId ? [dealer.brandId] : [])))].sort();

/** Every tenant of these dealers and brands: each dealer, and each brand with dealers. */
const tenantsOf = (dealers: readonly Dealer[], brandIds: readonly string[]): Tenant[] => [
  ...dealers.map((dealer): Tenant => ({ kind: 'dealer', dealerId: dealer.id })),
  ...brandIds.map((brandId): Tenant => ({ kind: 'brand', brandId })),
];

/**
 * The console's calendar for every tenant, off the request path (`functions/console-calendar`: a
 * run a night and after each deploy; locally at `npm start` and after each run): the next 90
 * days of every current customer from the simulation, started from the ledger as it is, then
 * split by tenant, with the Journeys page's customers due in the next 30 days and the previews'
 * sample customers. Customers do not meet in the simulation (caps and the ledger are per
 * customer), so one run over everyone gives each tenant what a run over its own customers would
 * (`test/unit/console-calendar-job.test.ts` holds that), and shards of the customers (slices of
 * the table, one per invocation, so each fits a Lambda run at any number of customers) add up to
 * the whole: the console adds the shards' calendars up (`mergeCalendars`). A shard's calendars
 * are written as one object, each tenant's readable alone (`CalendarSnapshots`).
 */
export async function computeCalendars(deps: CalendarJobDeps, now: Date, shard: CalendarShard = { index: 0, of: 1 }): Promise<CalendarJobSummary> {
  const snapshot = await deps.read(now, shard);
  const today = now.toISOString().slice(0, 10);
  const everyone: TenantView = { customers: snapshot.customers, dealers: [...snapshot.dealers.values()], handled: snapshot.handled, held: snapshot.held };
  const brandIds = brandIdsOf(everyone.dealers);
  const brands = (await Promise.all(brandIds.map((brandId) => deps.brands.getBrand(brandId)))).filter((brand): brand is Brand => brand !== undefined);
  const calendar = await simulateCalendar(everyone, brands, today, now, deps.run);
  const tenants = tenantsOf(everyone.dealers, brandIds);
  const calendars = new Map<string, TenantCalendar>();
  for (const tenant of tenants) {
    const view = tenantView(snapshot, tenant);
    const dealerIds = new Set(view.dealers.map((dealer) => dealer.id));
    const sends = calendar.sends.filter((send) => dealerIds.has(send.dealerId));
    calendars.set(tenantId(tenant), {
      computedAt: calendar.simulatedAt,
      from: calendar.from,
      to: calendar.to,
      shard,
      days: calendarOf(sends),
      sends: listedSends(sends),
      unlisted: unlistedOf(sends),
      dueAhead: dueCounts(deps.journeys, view, today),
      samples: previewSamples(deps.journeys, view.customers),
    });
  }
  // One object a shard, every tenant in it: a run's writes are its shards, not tenants x shards.
  await deps.snapshots.save(shard, calendars);
  return { tenants: tenants.length, customers: snapshot.customers.length, sends: calendar.sends.length, skipped: snapshot.skipped.customers + snapshot.skipped.ledger };
}

/** The shards of a run split `of` ways. */
export const shardsOf = (of: number): CalendarShard[] => Array.from({ length: of }, (_, index) => ({ index, of }));

/**
 * A shard's message on the shard queue: the shard and the run's instant. Every shard of a run
 * computes from that one instant, not from when its invocation starts: which customers a shard
 * reads depends on the date (`calendarDueDates`), so shards of a run that straddled midnight UTC
 * would otherwise read windows a day apart, and a customer filed at either edge could be read
 * twice or by none.
 */
export const shardMessageOf = (shard: CalendarShard, runAt: Date): string => JSON.stringify({ ...shard, runAt: runAt.toISOString() });

const ShardMessage = z.object({ runAt: z.iso.datetime().optional() });

/** The shard and the instant it computes from, of a shard message; a message queued before messages carried the run's instant computes from `received`. Throws on a malformed message. */
export function shardRunOf(body: string, received: Date): { shard: CalendarShard; now: Date } {
  const parsed: unknown = JSON.parse(body);
  const { runAt } = ShardMessage.parse(parsed);
  return { shard: CalendarShard.parse(parsed), now: runAt === undefined ? received : new Date(runAt) };
}

/**
 * The local due dates under which the due index files every customer the calendar of `now` can
 * send to: from the earliest date an evaluation still reads (the earliest date current anywhere,
 * less its look-back: entries wait there until an evaluation moves them) to the day after the
 * calendar's last (its days are UTC dates, a customer's due date is local: a zone ahead of UTC is
 * a day on); and `plannedTo`, the latest date current anywhere: no evaluation has planned a later
 * date by `now` (an entry under a later date has no claims of its date yet). Pure.
 */
export function calendarDueDates(now: Date): { from: IsoDate; to: IsoDate; plannedTo: IsoDate } {
  const today = now.toISOString().slice(0, 10);
  const current = datesCurrentAnywhere(now);
  return { from: addDays(current[0]!, -lookBackDays), to: addDays(today, calendarDays), plannedTo: current.at(-1)! };
}
