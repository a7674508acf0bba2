import type { Channel } from '../domain/customer';
import type { Dealer } from '../domain/customer';
import type { SimulatedSend } from '../domain/simulated-send';
import { tenantReaches, type Tenant } from '../domain/tenant';

/** How far ahead the Calendar page looks. */
export const calendarDays = 90;

/** One day of the calendar: sends that would go out, by channel and by journey. */
export interface CalendarDay {
  date: string;
  total: number;
  channels: Partial<Record<Channel, number>>;
  journeys: Record<string, Partial<Record<Channel, number>>>;
}

/** The simulated sends a tenant may see: those to customers of dealers it reaches. */
export function sendsOfTenant(sends: readonly SimulatedSend[], tenant: Tenant, dealers: ReadonlyMap<string, Dealer>): SimulatedSend[] {
  return sends.filter((send) => tenantReaches(tenant, dealers.get(send.dealerId)));
}

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

/** One day's sends (every outcome, with reasons), in time order. */
export const sendsOn = (sends: readonly SimulatedSend[], date: string): SimulatedSend[] =>
  sends.filter((send) => send.localDate === date).sort((a, b) => a.utc.localeCompare(b.utc) || a.customerId.localeCompare(b.customerId));
