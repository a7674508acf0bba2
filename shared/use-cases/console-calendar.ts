import type { Brand } from '../domain/brand';
import type { Channel, CustomerRecord, Dealer, Locale } from '../domain/customer';
import type { CalendarDay, TenantCalendar } from '../ports/calendar-snapshots';
import { candidatesPerLocale, type PreviewSamples } from './console-previews';
import { addDays, localMomentIn, type IsoDate } from '../domain/dates';
import type { SimulatedSend } from '../domain/simulated-send';
import type { HandledOccurrence } from '../ports/console-activity';
import type { HeldMessage } from '../ports/message-schedule';
import type { TenantView } from './console-snapshot';

/** How far ahead the Calendar page looks. */
export const calendarDays = 90;

/**
 * How many sends of one day one shard's calendar lists (the day's counts are all there): a day
 * of a brand of a million customers has tens of thousands, more than a page or a response holds.
 */
export const listedPerDay = 200;

export type { CalendarDay };

/**
 * Per customer-local day, the sends that would go out (`sent` in the simulation), by channel and
 * by journey and channel; days without any are left out. Pure.
 */
export function calendarOf(sends: readonly SimulatedSend[]): CalendarDay[] {
  const days = new Map<string, CalendarDay>();
  for (const send of sends) {
    if (send.outcome !== 'sent') continue;
    const day = days.get(send.localDate) ?? { date: send.localDate, total: 0, channels: {}, journeys: {} };
    day.total += 1;
    day.channels[send.channel] = (day.channels[send.channel] ?? 0) + 1;
    const journey = (day.journeys[send.journeyId] ??= {});
    journey[send.channel] = (journey[send.channel] ?? 0) + 1;
    days.set(send.localDate, day);
  }
  return [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
}

const inTimeOrder = (a: SimulatedSend, b: SimulatedSend) => a.utc.localeCompare(b.utc) || a.customerId.localeCompare(b.customerId);

/** One day's sends (every outcome, with reasons), in time order. */
export const sendsOn = (sends: readonly SimulatedSend[], date: string): SimulatedSend[] => sends.filter((send) => send.localDate === date).sort(inTimeOrder);

/** The first `perDay` sends of each day, in time order: what a calendar keeps for the days' lists. Pure. */
export function listedSends(sends: readonly SimulatedSend[], perDay = listedPerDay): SimulatedSend[] {
  const byDay = new Map<string, SimulatedSend[]>();
  for (const send of [...sends].sort(inTimeOrder)) {
    const day = byDay.get(send.localDate) ?? [];
    if (day.length < perDay) day.push(send);
    byDay.set(send.localDate, day);
  }
  return [...byDay.values()].flat();
}

/** Per day with more than `perDay` sends, how many `listedSends` leaves out of its list. Pure. */
export function unlistedOf(sends: readonly SimulatedSend[], perDay = listedPerDay): Record<IsoDate, number> {
  const perDate = new Map<IsoDate, number>();
  for (const send of sends) perDate.set(send.localDate, (perDate.get(send.localDate) ?? 0) + 1);
  return Object.fromEntries([...perDate].filter(([, count]) => count > perDay).map(([date, count]) => [date, count - perDay]));
}

/** What the console shows of a tenant's calendar: its shards' calendars added up. */
export interface MergedCalendar {
  /** When the oldest shard in it was computed. */
  computedAt: string;
  from: IsoDate;
  to: IsoDate;
  days: CalendarDay[];
  /** Each day's listed sends, up to `listedPerDay` per shard. */
  sends: SimulatedSend[];
  /** Per day, the sends the shards' lists leave out. */
  unlisted: Record<IsoDate, number>;
  dueAhead: Record<string, number>;
  samples: Record<string, PreviewSamples>;
  /** Whether every shard of the run is there (a run still going, or a shard that failed, leaves some out). */
  complete: boolean;
}

/**
 * A tenant's calendar from its shards' calendars: days, due counts and samples added up, lists
 * joined. Only the shards of the newest split count (an older run split otherwise is left out,
 * or it would count customers twice); of those, each shard's newest. Undefined without any. Pure.
 */
export function mergeCalendars(parts: readonly TenantCalendar[]): MergedCalendar | undefined {
  const newest = [...parts].sort((a, b) => b.computedAt.localeCompare(a.computedAt))[0];
  if (!newest) return undefined;
  const shards = new Map<number, TenantCalendar>();
  for (const part of parts) {
    if (part.shard.of !== newest.shard.of) continue;
    const kept = shards.get(part.shard.index);
    if (!kept || kept.computedAt < part.computedAt) shards.set(part.shard.index, part);
  }
  const kept = [...shards.values()];
  const days = new Map<string, CalendarDay>();
  const dueAhead: Record<string, number> = {};
  const unlisted: Record<IsoDate, number> = {};
  const samples: Record<string, PreviewSamples> = {};
  for (const part of kept) {
    for (const day of part.days) {
      const sum = days.get(day.date) ?? { date: day.date, total: 0, channels: {}, journeys: {} };
      sum.total += day.total;
      for (const [channel, count] of Object.entries(day.channels) as [Channel, number][]) sum.channels[channel] = (sum.channels[channel] ?? 0) + count;
      for (const [journeyId, channels] of Object.entries(day.journeys)) {
        const journey = (sum.journeys[journeyId] ??= {});
        for (const [channel, count] of Object.entries(channels) as [Channel, number][]) journey[channel] = (journey[channel] ?? 0) + count;
      }
      days.set(day.date, sum);
    }
    for (const [journeyId, count] of Object.entries(part.dueAhead)) dueAhead[journeyId] = (dueAhead[journeyId] ?? 0) + count;
    for (const [date, count] of Object.entries(part.unlisted)) unlisted[date] = (unlisted[date] ?? 0) + count;
    for (const [journeyId, perLocale] of Object.entries(part.samples)) {
      const own = (samples[journeyId] ??= {});
      for (const [locale, ids] of Object.entries(perLocale) as [Locale, string[]][]) own[locale] = [...(own[locale] ?? []), ...ids].slice(0, candidatesPerLocale);
    }
  }
  return {
    computedAt: kept.map((part) => part.computedAt).sort()[0]!,
    from: newest.from,
    to: newest.to,
    days: [...days.values()].sort((a, b) => a.date.localeCompare(b.date)),
    sends: kept.flatMap((part) => part.sends),
    unlisted,
    dueAhead,
    samples,
    complete: kept.length === newest.shard.of,
  };
}

/**
 * What the engine would send to some customers over a period (the simulation, on in-memory
 * adapters), starting from the occurrences the ledger already handled: those are not planned again.
 */
export type RunSimulation = (
  customers: { brands: Brand[]; dealers: Dealer[]; records: CustomerRecord[]; handled: HandledOccurrence[] },
  period: { from: IsoDate; to: IsoDate },
) => Promise<SimulatedSend[]>;

const pad = (value: number) => String(value).padStart(2, '0');

/**
 * The held messages due in the period as the sends they will be (their occurrence is handled, so
 * the simulation does not plan them): at their due instant in the customer's zone. A message of a
 * customer no longer stored is left out. Pure.
 */
export function heldSends(held: readonly HeldMessage[], view: Pick<TenantView, 'customers'>, period: { from: IsoDate; to: IsoDate }): SimulatedSend[] {
  const customers = new Map(view.customers.map((facts) => [facts.customer.id, facts.customer]));
  return held.flatMap(({ message, dueAt, reason }): SimulatedSend[] => {
    const customer = customers.get(message.customerId);
    if (!customer) return [];
    const local = localMomentIn(new Date(dueAt), customer.timeZone);
    if (local.date < period.from || local.date > period.to) return [];
    return [
      {
        customerId: message.customerId,
        dealerId: customer.dealerId,
        journeyId: message.journeyId,
        messageId: message.messageId,
        channel: message.channel,
        category: message.category ?? 'promotional',
        occurrence: message.occurrenceKey,
        localDate: local.date,
        localTime: `${pad(Math.floor(local.minuteOfDay / 60))}:${pad(local.minuteOfDay % 60)}`,
        utc: new Date(dueAt).toISOString(),
        outcome: 'sent',
        reason: `held (${reason})`,
      },
    ];
  });
}

export interface CalendarSimulation {
  simulatedAt: string;
  from: IsoDate;
  to: IsoDate;
  sends: SimulatedSend[];
}

/**
 * The next `calendarDays` days of the tenant's customers, from the simulation of their current
 * records (caps and consent apply as dispatch applies them), started from the ledger as it is:
 * an occurrence already claimed or sent is not planned or counted again, and a message still held
 * counts on the day it is due.
 */
export async function simulateCalendar(view: TenantView, brands: Brand[], today: IsoDate, now: Date, run: RunSimulation): Promise<CalendarSimulation> {
  const period = { from: today, to: addDays(today, calendarDays - 1) };
  const simulated = await run({ brands, dealers: view.dealers, records: view.customers.map((facts) => facts.record), handled: view.handled }, period);
  const sends = [...simulated, ...heldSends(view.held, view, period)];
  return { simulatedAt: now.toISOString(), ...period, sends };
}
