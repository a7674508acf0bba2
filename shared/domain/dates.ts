import * as z from 'zod';
import { offsetAt } from './zone-offsets';

/** A calendar date as `YYYY-MM-DD`; compared as a string, which orders correctly. */
export type IsoDate = string;

/** Schema of an {@link IsoDate} in events, messages and stored items. */
export const IsoDateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');

export interface LocalMoment {
  date: IsoDate;
  /** Minutes since local midnight. */
  minuteOfDay: number;
}

/**
 * The wall-clock date and time of an instant in a time zone. The zone's offset comes from a table
 * kept per zone and UTC hour ({@link offsetAt}), the date and time from integer arithmetic: the
 * evaluation, the dispatch and the simulation ask this for every customer they meet.
 */
export function localMomentIn(now: Date, timeZone: string): LocalMoment {
  const instant = now.getTime();
  if (Number.isNaN(instant)) throw new RangeError('Invalid instant');
  const local = instant + offsetAt(timeZone, instant);
  const day = Math.floor(local / msPerDay);
  return { date: dateOfEpochDay(day), minuteOfDay: Math.floor((local - day * msPerDay) / 60_000) };
}

const msPerDay = 86_400_000;

/**
 * The minutes from the start of the local day numbered `day` ({@link epochDay}) to `now` in the
 * zone: negative before that day, past 1,440 after it; on the day, {@link localMomentIn}'s
 * `minuteOfDay`, by the same arithmetic, with no date text made. Whether a send time on that date
 * has come there: the simulation asks it per zone and send time at every tick.
 */
export function minutesIntoLocalDay(now: Date, timeZone: string, day: number): number {
  const instant = now.getTime();
  if (Number.isNaN(instant)) throw new RangeError('Invalid instant');
  return Math.floor((instant + offsetAt(timeZone, instant) - day * msPerDay) / 60_000);
}

/**
 * The last instant of the local day of `now` in the zone (the millisecond before the next local
 * day starts): what luxon's `DateTime.fromJSDate(now, { zone }).endOf('day')` gives, to the
 * millisecond, from the offset table ({@link offsetAt}) instead of luxon's objects and Intl. Where
 * midnight falls in a change of offset (a zone that springs forward at midnight), local times are
 * resolved as luxon resolves them ({@link utcOfLocal}), step by step as `endOf` takes them: a day
 * on, the start of that day, a millisecond back. The dispatch asks this per zone and tick.
 */
export function endOfLocalDay(now: Date, timeZone: string): Date {
  const instant = now.getTime();
  if (Number.isNaN(instant)) throw new RangeError('Invalid instant');
  const offset = offsetAt(timeZone, instant);
  const dayOn = utcOfLocal(instant + offset + msPerDay, offset, timeZone);
  const startLocal = Math.floor((dayOn.utc + dayOn.offset) / msPerDay) * msPerDay;
  const start = utcOfLocal(startLocal, dayOn.offset, timeZone);
  return new Date(utcOfLocal(start.utc + start.offset, start.offset, timeZone).utc - 1);
}

/**
 * The UTC instant of a local wall-clock time (milliseconds as if UTC) in the zone, starting from a
 * guessed offset: luxon's rule (its `fixOffset`), so the results match it where a local time
 * occurs twice or never. The guess is kept if the zone has it then; else the zone's offset there
 * is tried; if that too moves, the time lies in a gap and is read with the earlier offset.
 */
function utcOfLocal(local: number, guess: number, timeZone: string): { utc: number; offset: number } {
  const utc = local - guess;
  const found = offsetAt(timeZone, utc);
  if (found === guess) return { utc, offset: guess };
  const retried = utc - (found - guess);
  const again = offsetAt(timeZone, retried);
  if (found === again) return { utc: retried, offset: found };
  return { utc: local - Math.min(found, again), offset: Math.max(found, again) };
}

/**
 * Days since 1970-01-01 of a calendar date, so date differences are integer subtraction.
 * Reads the digits directly: it runs per reading and per customer, where a regex and an object
 * per call add up.
 *
 * @example epochDay('1970-01-02') // 1
 */
export function epochDay(date: IsoDate): number {
  if (date.length !== 10 || date.charCodeAt(4) !== dash || date.charCodeAt(7) !== dash) throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (year < 0 || month < 0 || day < 0) throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  return epochDayOf(year, month, day);
}

/**
 * The day number of a year, month (1-12) and day of the month: what `Date.UTC(year, month - 1, day)`
 * gives in days, by integer arithmetic on 400-year eras
 * (the inverse of {@link dateOfEpochDay}'s): a day past the month's end runs into the next month,
 * as there. Years before 100 (which `Date.UTC` reads as 1900-1999) and months out of range are
 * left to `Date.UTC`. Every filing and move of a customer converts dates.
 */
export function epochDayOf(year: number, month: number, day: number): number {
  if (year < 100 || month < 1 || month > 12) return Date.UTC(year, month - 1, day) / msPerDay;
  // Counted from 1 March, as in dateOfEpochDay: January and February end the year before.
  const marchYear = month <= 2 ? year - 1 : year;
  const era = Math.floor(marchYear / 400);
  const yearOfEra = marchYear - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

/**
 * The calendar date of a day number from {@link epochDay}. By integer arithmetic on 400-year
 * eras of the Gregorian calendar (146,097 days each) rather than through a `Date`: the planner
 * and the local time of every customer go through here.
 *
 * @example dateOfEpochDay(1) // '1970-01-02'
 */
export function dateOfEpochDay(day: number): IsoDate {
  // Not an integer in range (an unsigned shift changes it): worked out, not kept.
  const at = day - firstKeptDay;
  if (at >>> 0 !== at || at >= keptDays) return dateOfDayNumber(day);
  return (datesByDay[at] ??= dateOfDayNumber(day));
}

// Dates made once per day number from 1900 to 2199, and shared: the planner, the due index and
// every customer's local time turn day numbers into dates (0.9 MB when all are made).
const firstKeptDay = -25_567;
const keptDays = 109_573;
const datesByDay = new Array<IsoDate | undefined>(keptDays).fill(undefined);

function dateOfDayNumber(day: number): IsoDate {
  // Counted from 1 March of year 0, so the leap day is the last day of a year.
  const shifted = day + 719_468;
  const era = Math.floor(shifted / 146_097);
  const dayOfEra = shifted - era * 146_097;
  const yearOfEra = Math.floor((dayOfEra - Math.floor(dayOfEra / 1460) + Math.floor(dayOfEra / 36_524) - Math.floor(dayOfEra / 146_096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
  const monthFromMarch = Math.floor((5 * dayOfYear + 2) / 153);
  const dayOfMonth = dayOfYear - Math.floor((153 * monthFromMarch + 2) / 5) + 1;
  const month = monthFromMarch < 10 ? monthFromMarch + 3 : monthFromMarch - 9;
  return formatIsoDate(yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, dayOfMonth);
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
  // Through day numbers: no date text is made, the result is a kept one (see dateOfEpochDay).
  return dateOfEpochDay(epochDay(date) + days);
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
  const time = now.getTime();
  if (Number.isNaN(time)) throw new RangeError('Invalid time value');
  // In day numbers, the UTC dates at UTC-12 and UTC+14 and those between: every tick asks this.
  const latest = Math.floor((time + 14 * 3_600_000) / msPerDay);
  const all: IsoDate[] = [];
  for (let day = Math.floor((time - 12 * 3_600_000) / msPerDay); day <= latest; day += 1) all.push(dateOfEpochDay(day));
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

/** The local dates from `from` to `to`, both included (none when `to` is before `from`). */
export function datesOfPeriod(from: IsoDate, to: IsoDate): IsoDate[] {
  const dates: IsoDate[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) dates.push(date);
  return dates;
}
