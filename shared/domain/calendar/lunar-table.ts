import type { IsoDate } from '../dates';
import type { LunarCalendar } from './lunar-calendar';

/** Precomputed lunar dates, JSON-serialisable: key `lunarYear-month-day`, value the Gregorian date. */
export type LunarDateTable = Readonly<Record<string, IsoDate>>;

/**
 * Tabulates the lunar days festivals use over a span of years with a full calendar, at build
 * time (synth), so the deployed evaluation needs only the table and not the library's 330 KB.
 *
 * @example tabulateLunarDates(lunarJavascriptCalendar, [{ month: 1, day: 1 }], 2026, 2030)
 */
export function tabulateLunarDates(
  calendar: LunarCalendar,
  days: ReadonlyArray<{ month: number; day: number }>,
  firstYear: number,
  lastYear: number,
): LunarDateTable {
  const table: Record<string, IsoDate> = {};
  for (let year = firstYear; year <= lastYear; year++) {
    for (const { month, day } of days) table[`${year}-${month}-${day}`] = calendar.gregorianDateOf(year, month, day);
  }
  return table;
}

/** A {@link LunarCalendar} answering from a table; a day it does not hold is a RangeError, never a guess. */
export function lunarCalendarFromTable(table: LunarDateTable): LunarCalendar {
  return {
    gregorianDateOf(lunarYear, month, day) {
      const date = table[`${lunarYear}-${month}-${day}`];
      if (date === undefined) throw new RangeError(`Lunar ${lunarYear}-${month}-${day} is not in the precomputed table`);
      return date;
    },
  };
}
