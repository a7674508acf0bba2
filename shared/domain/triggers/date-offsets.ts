import { addDays, dayOfMonthOf, formatIsoDate, monthIndexOf, parseIsoDate, type IsoDate } from '../dates';
import { daysInGregorianMonth } from '../calendar/month-day';

/**
 * Adds whole months, then whole days, to a date. A day past the end of the month it lands in
 * becomes that month's last day (31 January + 1 month is 28 or 29 February), as people count
 * "three months after delivery".
 *
 * @example addMonthsAndDays('2026-01-31', 1, 0) // '2026-02-28'
 */
export function addMonthsAndDays(date: IsoDate, months: number, days: number): IsoDate {
  const { year, month, day } = monthsLater(date, months);
  const shifted = formatIsoDate(year, month, day);
  return days === 0 ? shifted : addDays(shifted, days);
}

/** {@link addMonthsAndDays} with no days, as an epoch day: the planner compares it, building no text. */
export function dayAfterMonths(date: IsoDate, months: number): number {
  const { year, month, day } = monthsLater(date, months);
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

function monthsLater(date: IsoDate, months: number): { year: number; month: number; day: number } {
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  return { year: targetYear, month: targetMonth, day: Math.min(day, daysInGregorianMonth(targetYear, targetMonth)) };
}

/**
 * The inverse of {@link addMonthsAndDays} for one target date, as a test: how many whole months
 * before `target` (then `days` more) a date lies, or undefined when no count of months lands on
 * it (a 30 January is never one month before 1 March). Reads the dates as text, building none:
 * the planner asks it for every car of every candidate on every tick.
 *
 * @example monthsBefore(landingOn('2026-02-28', 0), '2026-01-31') // 1
 */
export function monthsBefore(landing: Landing, from: IsoDate): number | undefined {
  const months = landing.monthIndex - monthIndexOf(from);
  const day = dayOfMonthOf(from);
  // Adding months keeps the day, or clamps it to the last day of a shorter month.
  const lands = landing.isLastDayOfMonth ? day >= landing.day : day === landing.day;
  return lands ? months : undefined;
}

/** What {@link monthsBefore} needs of a target date, computed once per date. */
export interface Landing {
  monthIndex: number;
  day: number;
  isLastDayOfMonth: boolean;
}

/** The date `days` before `target`, taken apart for {@link monthsBefore}. */
export function landingOn(target: IsoDate, days: number): Landing {
  const shifted = days === 0 ? target : addDays(target, -days);
  const { year, month, day } = parseIsoDate(shifted);
  return { monthIndex: monthIndexOf(shifted), day, isLastDayOfMonth: day === daysInGregorianMonth(year, month) };
}
