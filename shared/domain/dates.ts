import { DateTime } from 'luxon';
import * as z from 'zod';

/** A calendar date as `YYYY-MM-DD`; compared as a string, which orders correctly. */
export type IsoDate = string;

/** Schema of an {@link IsoDate} in events, messages and stored items. */
export const IsoDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export interface LocalMoment {
  date: IsoDate;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

// The evaluation asks this for every customer due at each hourly tick, and the instants repeat:
// luxon's zone arithmetic is the costly part, so the answers of recent (zone, instant) pairs are kept.
const recentMoments = new Map<string, LocalMoment>();
const recentMomentsLimit = 4096;

/** The wall-clock date and time of an instant in a time zone. */
export function localMomentIn(now: Date, timeZone: string): LocalMoment {
  const key = `${timeZone}|${now.getTime()}`;
  const known = recentMoments.get(key);
  if (known) return { ...known };
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Invalid time zone: ${timeZone}`);
  const moment = { date: local.toISODate(), minuteOfDay: local.hour * 60 + local.minute };
  if (recentMoments.size >= recentMomentsLimit) recentMoments.clear();
  recentMoments.set(key, moment);
  return { ...moment };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  // By character codes rather than a regular expression: the planner parses dates for every
  // customer and journey, and this is several times faster with the same strictness.
  if (date.length !== 10 || date.charCodeAt(4) !== dash || date.charCodeAt(7) !== dash) throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (year < 0 || month < 0 || day < 0) throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  return { year, month, day };
}

/** Months since year 0 of a `YYYY-MM-DD` date (`year * 12 + month - 1`), read without allocating. */
export function monthIndexOf(date: IsoDate): number {
  return digits(date, 0, 4) * 12 + digits(date, 5, 7) - 1;
}

/** The day of the month of a `YYYY-MM-DD` date, read without allocating. */
export function dayOfMonthOf(date: IsoDate): number {
  return digits(date, 8, 10);
}

const dash = 45;
const zero = 48;

/** The number written by the ASCII digits in `text[start, end)`, or -1 if any is not a digit. */
function digits(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const digit = text.charCodeAt(index) - zero;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  const yyyy = year >= 1000 ? String(year) : String(year).padStart(4, '0');
  return `${yyyy}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}

/** Adds whole days to a calendar date (no time zone involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  // Within the month's first 28 days no month or year boundary is crossed: the common case.
  if (day + days >= 1 && day + days <= 28) return formatIsoDate(year, month, day + days);
  const shifted = new Date(Date.UTC(year, month - 1, day + days));
  return formatIsoDate(shifted.getUTCFullYear(), shifted.getUTCMonth() + 1, shifted.getUTCDate());
}

/** `HH:MM` to minutes since midnight. */
export function minutesOfClock(clock: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(clock);
  if (!match) throw new RangeError(`Expected HH:MM, got ${clock}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/**
 * Every calendar date that is "today" somewhere on Earth at this instant: civil time zones run
 * from UTC-12 to UTC+14, so at most three dates.
 */
export function datesCurrentAnywhere(now: Date): IsoDate[] {
  const dates = new Set<IsoDate>();
  for (const offsetHours of [-12, 14]) {
    const shifted = new Date(now.getTime() + offsetHours * 3_600_000);
    dates.add(shifted.toISOString().slice(0, 10));
  }
  const [earliest, latest] = [...dates].sort();
  const all: IsoDate[] = [];
  for (let date = earliest!; date <= latest!; date = addDays(date, 1)) all.push(date);
  return all;
}

/** Whether `date` is `YYYY-MM-DD` and names a day that exists (no 30 February, no month 13). */
export function isCalendarDate(date: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= daysInMonth;
}

/** Schema of a date that exists on the calendar: `1980-02-30` is rejected, not rolled over. */
export const CalendarDateString = IsoDateString.refine(isCalendarDate, { message: 'expected a real calendar date (no such day)' });

/**
 * Adds working days (Monday to Friday) to a calendar date: Saturdays and Sundays are not
 * counted, so 3 working days after a Friday is the Wednesday. Public holidays are not known here.
 *
 * @example addWorkingDays('2026-03-13', 3) // '2026-03-18' (Friday to Wednesday)
 */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  let current = date;
  for (let counted = 0; counted < days; ) {
    current = addDays(current, 1);
    const { year, month, day } = parseIsoDate(current);
    const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted += 1;
  }
  return current;
}
