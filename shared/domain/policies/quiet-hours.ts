import { DateTime } from 'luxon';
import * as z from 'zod';
import { boundedMemo } from '../bounded-memo';
import type { Channel } from '../customer';
import { localMomentIn } from '../dates';
import { send, zoneOf, type Policy } from './policy';

/**
 * When a channel may reach the customer, in their local time: `HH:MM-HH:MM` (from inclusive, to
 * exclusive, within one day), or `none` for no quiet hours.
 */
export const SendingWindow = z.union([
  z.literal('none'),
  z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/, 'expected a window as HH:MM-HH:MM, or none')
    .refine((window) => window.slice(0, 5) < window.slice(6), { message: 'the window must start before it ends, within one day' }),
]);
export type SendingWindow = z.infer<typeof SendingWindow>;

export type QuietHoursSettings = Readonly<Record<Channel, SendingWindow>>;

/**
 * The defaults: texts only in the day; email has none (it waits in the inbox). Print is collected
 * by the print house in a batch, and a task is work for the dealer's staff in their CRM (whoever
 * makes the call keeps their own hours), so neither wakes anyone.
 */
export const defaultQuietHours: QuietHoursSettings = { sms: '09:00-20:00', email: 'none', print: 'none', task: 'none' };

/**
 * The next instant at or after `now` inside the window, in `zone`; `now` itself when inside.
 * Wall-clock arithmetic by luxon, so a DST change in the night moves the UTC instant, not 09:00.
 */
export function nextAllowedInstant(window: Exclude<SendingWindow, 'none'>, zone: string, now: Date): Date {
  const { from, fromMinute, toMinute } = boundsOf(window);
  // Nearly every send is inside its window: that is told from the zone's offset table, and luxon
  // (a DateTime per send) is left for working out when the window opens next.
  const inside = minuteOfDayIfKnown(now, zone);
  if (inside !== undefined && inside >= fromMinute && inside < toMinute) return now;
  const local = DateTime.fromJSDate(now, { zone });
  const minute = local.hour * 60 + local.minute;
  if (minute >= fromMinute && minute < toMinute) return now;
  // Before the window: today's opening; after it: tomorrow's (by calendar day, not 24 hours).
  const day = minute < fromMinute ? local.startOf('day') : local.startOf('day').plus({ days: 1 });
  // A window opening inside a DST gap (02:30 on a spring-forward night) opens at the gap's end.
  return day.set({ hour: from.hour, minute: from.minute }).toJSDate();
}

interface WindowBounds {
  from: { hour: number; minute: number };
  /** Minutes since local midnight: the opening (inclusive) and the close (exclusive). */
  fromMinute: number;
  toMinute: number;
}

// A window's bounds, read from its text once: a few windows are configured, and every SMS asks.
const boundsOf: (window: Exclude<SendingWindow, 'none'>) => WindowBounds = /* @__PURE__ */ boundedMemo(1000, (window) => {
  const [from, to] = [window.slice(0, 5), window.slice(6)].map((clock) => ({ hour: Number(clock.slice(0, 2)), minute: Number(clock.slice(3, 5)) }));
  return { from: from!, fromMinute: from!.hour * 60 + from!.minute, toMinute: to!.hour * 60 + to!.minute };
});

/**
 * Quiet hours in the customer's local time (the dealer's when the customer has none): outside the
 * channel's window the send is deferred to the window's next opening, never dropped.
 */
export const quietHoursPolicy: Policy = (input) => {
  const window = input.settings.quietHours[input.message.channel];
  if (window === 'none') return send;
  const until = nextAllowedInstant(window, zoneOf(input), input.now);
  return until.getTime() === input.now.getTime() ? send : { decision: 'defer', until, reason: 'quiet-hours' };
};

/** Minutes since local midnight in the zone; undefined for a zone the offset table does not know (luxon then decides). */
function minuteOfDayIfKnown(now: Date, zone: string): number | undefined {
  try {
    return localMomentIn(now, zone).minuteOfDay;
  } catch {
    return undefined;
  }
}
