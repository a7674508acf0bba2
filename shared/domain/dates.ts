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

/** The wall-clock date and time of an instant in a time zone. */
export function localMomentIn(now: Date, timeZone: string): LocalMoment {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Invalid time zone: ${timeZone}`);
  return { date: local.toISODate(), minuteOfDay: local.hour * 60 + local.minute };
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function parseIsoDate(date: IsoDate): { year: number; month: number; day: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

export function formatIsoDate(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Adds whole days to a calendar date (no time zone involved). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
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
