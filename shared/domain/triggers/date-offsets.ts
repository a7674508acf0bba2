import { addDays, formatIsoDate, parseIsoDate, type IsoDate } from '../dates';
import { daysInGregorianMonth } from '../calendar/month-day';

/**
 * Adds whole months, then whole days, to a date. A day past the end of the month it lands in
 * becomes that month's last day (31 January + 1 month is 28 or 29 February), as people count
 * "three months after delivery".
 *
 * @example addMonthsAndDays('2026-01-31', 1, 0) // '2026-02-28'
 */
export function addMonthsAndDays(date: IsoDate, months: number, days: number): IsoDate {
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = (monthIndex % 12) + 1;
  const shifted = formatIsoDate(targetYear, targetMonth, Math.min(day, daysInGregorianMonth(targetYear, targetMonth)));
  return days === 0 ? shifted : addDays(shifted, days);
}
