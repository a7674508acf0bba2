import * as z from 'zod';

/**
 * A local time on the hour. The schedule evaluates journeys once an hour, on the hour: "09:30"
 * would go out at 10:00, and "23:30" never (in whole-hour zones the day's last tick is 23:00).
 */
export const hourOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):([0-5]\d)$/, { message: 'expected a local time as HH:MM', abort: true })
  .regex(/:00$/, 'expected a whole hour such as "09:00": the schedule runs hourly on the hour, so a time between hours would go out late, or never after 23:00');

/** Local time (on the hour) from which an occurrence may go out on its day; every kind has it. */
export const sendAt = hourOfDay.default('09:00');
