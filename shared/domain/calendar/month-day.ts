import * as z from 'zod';
import { formatIsoDate, isLeapYear, type IsoDate } from '../dates';

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * A day of the Gregorian year without a year (`{ month: 11, day: 1 }`), as marketers write it in
 * YAML. 29 February is allowed and falls on 28 February in other years.
 */
export const MonthDay = z
  .strictObject({
    month: z.number().int().min(1).max(12),
    day: z.number().int().min(1).max(31),
  })
  .refine((md) => md.day <= DAYS_IN_MONTH[md.month - 1]!, {
    message: 'expected a day that exists in that month',
    path: ['day'],
  });
export type MonthDay = z.infer<typeof MonthDay>;

/** Days in a Gregorian month of a year. */
export function daysInGregorianMonth(year: number, month: number): number {
  return month === 2 && !isLeapYear(year) ? 28 : DAYS_IN_MONTH[month - 1]!;
}

/**
 * The date of a month-day in a year; a day past the month's end (29 February in a common year)
 * becomes the month's last day, so a definition falls in every year exactly once.
 *
 * @example dateOfMonthDay({ month: 2, day: 29 }, 2027) // '2027-02-28'
 */
export function dateOfMonthDay(monthDay: MonthDay, year: number): IsoDate {
  return formatIsoDate(year, monthDay.month, Math.min(monthDay.day, daysInGregorianMonth(year, monthDay.month)));
}
