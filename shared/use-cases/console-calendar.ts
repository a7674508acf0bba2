import type { Brand } from '../domain/brand';
import type { Channel, CustomerRecord, Dealer } from '../domain/customer';
import { addDays, localMomentIn, type IsoDate } from '../domain/dates';
import type { SimulatedSend } from '../domain/simulated-send';
import type { HandledOccurrence } from '../ports/console-activity';
import type { HeldMessage } from '../ports/message-schedule';
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
