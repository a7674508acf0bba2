import { addDays, type IsoDate } from './dates';

const hour = 3_600_000;

/**
 * The hourly schedule's ticks that fall on `date` somewhere: from 00:00 at UTC+14 to 23:00 at
 * UTC-12. Each tick evaluates only occurrences on `date` in the customer's own zone. Shared by the
 * local runtime (`npm start`) and the simulation, so both replay a date with the same ticks.
 */
export function ticksCoveringDate(date: IsoDate, until?: Date): Date[] {
  const first = new Date(`${addDays(date, -1)}T10:00:00Z`).getTime();
  const last = Math.min(new Date(`${addDays(date, 1)}T11:00:00Z`).getTime(), until?.getTime() ?? Infinity);
  const ticks: Date[] = [];
  for (let time = first; time <= last; time += hour) ticks.push(new Date(time));
  return ticks;
}

/** The schedule instant a run of `date` ends at: its last tick (or `until`, for today's run). */
export function lastTickOf(date: IsoDate, until?: Date): Date {
  return ticksCoveringDate(date, until).at(-1) ?? until ?? new Date(`${date}T00:00:00Z`);
}
