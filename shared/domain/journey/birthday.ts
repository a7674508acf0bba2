import { formatIsoDate, isLeapYear, parseIsoDate, type IsoDate } from '../dates';

/** Where a 29 February birthday is celebrated in years without that day. */
export const LeapDayRule = ['feb28', 'mar1'] as const;
export type LeapDayRule = (typeof LeapDayRule)[number];

/** The date a birthday falls on in a given year. */
export function birthdayInYear(birthDate: IsoDate, year: number, leapDayRule: LeapDayRule): IsoDate {
  const { month, day } = parseIsoDate(birthDate);
  if (month === 2 && day === 29 && !isLeapYear(year)) {
    return leapDayRule === 'feb28' ? formatIsoDate(year, 2, 28) : formatIsoDate(year, 3, 1);
  }
  return formatIsoDate(year, month, day);
}

/** Whether `date` is the customer's birthday (as celebrated that year). */
export function isBirthdayOn(birthDate: IsoDate, date: IsoDate, leapDayRule: LeapDayRule): boolean {
  // The same month and day is a birthday (29 February too, in a leap year): compared as text,
  // as the planner asks this for every candidate. Only a 29 February birth date needs the rule.
  if (birthDate.endsWith(date.slice(4))) return true;
  if (!birthDate.endsWith('-02-29')) return false;
  return birthdayInYear(birthDate, parseIsoDate(date).year, leapDayRule) === date;
}

/** The age a customer turns on their birthday in the year of `date`. */
export function ageTurningIn(birthDate: IsoDate, date: IsoDate): number {
  return parseIsoDate(date).year - parseIsoDate(birthDate).year;
}

