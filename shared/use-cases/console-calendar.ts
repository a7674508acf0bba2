import type { Brand } from '../domain/brand';
import type { Channel, CustomerRecord, Dealer } from '../domain/customer';
import { addDays, type IsoDate } from '../domain/dates';
import type { SimulatedSend } from '../domain/simulated-send';
import type { TenantView } from './console-snapshot';

/** How far ahead the Calendar page looks. */
export const calendarDays = 90;

/** One day of the calendar: sends that would go out, by channel and by journey. */
export interface CalendarDay {
  date: string;
  total: number;
  channels: Partial<Record<Channel, number>>;
  journeys: Record<string, Partial<Record<Channel, number>>>;
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

/** What the engine would send to some customers over a period (the simulation, on in-memory adapters). */
export type RunSimulation = (
  customers: { brands: Brand[]; dealers: Dealer[]; records: CustomerRecord[] },
  period: { from: IsoDate; to: IsoDate },
) => Promise<SimulatedSend[]>;

export interface CalendarSimulation {
  simulatedAt: string;
  from: IsoDate;
  to: IsoDate;
  sends: SimulatedSend[];
}

/**
 * The next `calendarDays` days of the tenant's customers, from the simulation of their current
 * records (caps and consent apply as dispatch applies them). The simulation starts with an empty
 * ledger: an occurrence already handled today is simulated again.
 */
export async function simulateCalendar(view: TenantView, brands: Brand[], today: IsoDate, now: Date, run: RunSimulation): Promise<CalendarSimulation> {
  const period = { from: today, to: addDays(today, calendarDays - 1) };
  const sends = await run({ brands, dealers: view.dealers, records: view.customers.map((facts) => facts.record) }, period);
  return { simulatedAt: now.toISOString(), ...period, sends };
}
