import { formatIsoDate, type IsoDate } from '../dates';

const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 of a calendar date, so date differences are integer subtraction.
 * Reads the digits directly: it runs per reading and per customer, where a regex and an object
 * per call add up.
 *
 * @example epochDay('1970-01-02') // 1
 */
export function epochDay(date: IsoDate): number {
  if (date.length !== 10 || date.charCodeAt(4) !== 45 || date.charCodeAt(7) !== 45) {
    throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  }
  const year = digits(date, 0, 4);
  const month = digits(date, 5, 7);
  const day = digits(date, 8, 10);
  if (Number.isNaN(year + month + day)) throw new RangeError(`Expected YYYY-MM-DD, got ${date}`);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** The calendar date of a day number from {@link epochDay}. */
export function dateOfEpochDay(day: number): IsoDate {
  const date = new Date(day * MS_PER_DAY);
  return formatIsoDate(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function digits(text: string, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return Number.NaN;
    value = value * 10 + digit;
  }
  return value;
}
