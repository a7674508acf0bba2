import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import lunar from 'lunar-javascript';
import { addDays, type IsoDate } from '../../shared/domain/dates';
import {
  DEFAULT_FESTIVALS,
  FestivalCalendar,
  FestivalDefinition,
  FestivalName,
  type LunarFestival,
} from '../../shared/domain/calendar/festivals';
import type { LunarCalendar } from '../../shared/domain/calendar/lunar-calendar';
import { lunarJavascriptCalendar } from '../../shared/domain/calendar/lunar-javascript-calendar';
import { lunarCalendarFromTable, tabulateLunarDates } from '../../shared/domain/calendar/lunar-table';

const festivals = new FestivalCalendar(lunarJavascriptCalendar);
const { 'spring-festival': springFestival, 'mid-autumn': midAutumn, 'dragon-boat': dragonBoat } = DEFAULT_FESTIVALS;

/** The lunar month and day of a Gregorian date, by the library's other direction (solar to lunar). */
function lunarDayOf(date: IsoDate): { month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const lunarDay = lunar.Solar.fromYmd(year, month, day).getLunar();
  return { month: lunarDay.getMonth(), day: lunarDay.getDay() };
}

/** The lunar month and day of a Gregorian date by ICU's Chinese calendar (Node's Intl), a second implementation. */
const icuChinese = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', month: 'numeric', day: 'numeric' });
function icuLunarDayOf(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return icuChinese.format(new Date(Date.UTC(year, month - 1, day)));
}

describe('lunar festivals', () => {
  // Spring Festival, Dragon Boat and Mid-Autumn as published (Hong Kong Observatory almanac,
  // State Council holiday notices); 2026 and 2027 also as in docs/local-stack.md.
  const published: Array<[number, IsoDate, IsoDate, IsoDate]> = [
    [2025, '2025-01-29', '2025-05-31', '2025-10-06'],
    [2026, '2026-02-17', '2026-06-19', '2026-09-25'],
    [2027, '2027-02-06', '2027-06-09', '2027-09-15'],
    [2028, '2028-01-26', '2028-05-28', '2028-10-03'],
    [2029, '2029-02-13', '2029-06-16', '2029-09-22'],
    [2030, '2030-02-03', '2030-06-05', '2030-09-12'],
  ];

  it.each(published)('falls in %i on the published dates', (year, spring, dragon, autumn) => {
    const dates = [festivals.dateIn(springFestival, year), festivals.dateIn(dragonBoat, year), festivals.dateIn(midAutumn, year)];

    expect(dates).toEqual([spring, dragon, autumn]);
    // The other direction of the conversion agrees: each date is the festival's lunar day, in a
    // regular month (a leap month would be negative: 2025 has a leap 6th month, 2028 a leap 5th).
    expect(dates.map(lunarDayOf)).toEqual([{ month: 1, day: 1 }, { month: 5, day: 5 }, { month: 8, day: 15 }]);
  });

  it('puts Spring Festival 2004-2015 on the dates China published', () => {
    // china.org.cn, "Chinese Lunar New Year dates 2004-2015".
    const published = ['2004-01-22', '2005-02-09', '2006-01-29', '2007-02-18', '2008-02-07', '2009-01-26',
      '2010-02-14', '2011-02-03', '2012-01-23', '2013-02-10', '2014-01-31', '2015-02-19'];

    const computed = published.map((_, index) => festivals.dateIn(springFestival, 2004 + index));

    expect(computed).toEqual(published);
  });

  it("agrees with ICU's Chinese calendar 1901-2099 except where ICU misplaces a new moon at Beijing midnight", () => {
    // ICU computes new moons with a short series; when one falls within minutes of Beijing
    // midnight (2027-02-06 23:56, 2030-02-03 00:07) it picks the wrong day. The published dates
    // are the library's (asserted above for 2027 and 2030).
    const icuWrong = new Set(['spring-festival 1954', 'spring-festival 2027', 'spring-festival 2030']);
    const disagreements: string[] = [];

    for (let year = 1901; year <= 2099; year++) {
      for (const name of ['spring-festival', 'dragon-boat', 'mid-autumn'] as const) {
        const festival = DEFAULT_FESTIVALS[name];
        const icu = icuLunarDayOf(festivals.dateIn(festival, year));
        if (icu !== `${festival.month}/${festival.day}`) disagreements.push(`${name} ${year}`);
      }
    }

    expect(disagreements.filter((disagreement) => !icuWrong.has(disagreement))).toEqual([]);
  });

  it('takes day 30 of a 29-day month as its last day, so lunar New Year\'s Eve is the day before Spring Festival every year', () => {
    const newYearsEve: LunarFestival = { kind: 'lunar', month: 12, day: 30 };

    // Month 12 of lunar 2026 has 29 days, of 2029 30 days.
    expect(festivals.dateIn(newYearsEve, 2026)).toBe('2027-02-05');
    expect(festivals.dateIn(newYearsEve, 2029)).toBe('2030-02-02');
    for (let year = 1901; year < 2099; year++) {
      expect(festivals.dateIn(newYearsEve, year)).toBe(addDays(festivals.dateIn(springFestival, year + 1), -1));
    }
  });

  it('refuses years outside those checked against a second calendar', () => {
    expect(() => festivals.dateIn(springFestival, 1900)).toThrow(RangeError);
    expect(() => festivals.dateIn(springFestival, 2100)).toThrow(RangeError);
  });

  it('converts each festival and year once, then answers from memory', () => {
    let conversions = 0;
    const counting: LunarCalendar = {
      gregorianDateOf: (year, month, day) => {
        conversions += 1;
        return lunarJavascriptCalendar.gregorianDateOf(year, month, day);
      },
    };
    const calendar = new FestivalCalendar(counting);

    for (let customer = 0; customer < 1_000; customer++) {
      calendar.dateIn(midAutumn, 2026);
      calendar.dateIn({ kind: 'lunar', month: 8, day: 15 }, 2027);
    }

    expect(conversions).toBe(2);
  });
});

describe('fixed festivals', () => {
  it('fall on their Gregorian day every year', () => {
    const year = 2026;

    const dates = (['womens-day', 'childrens-day', 'national-day-cn', 'christmas'] as const).map((name) =>
      festivals.dateIn(DEFAULT_FESTIVALS[name], year),
    );

    expect(dates).toEqual(['2026-03-08', '2026-06-01', '2026-10-01', '2026-12-25']);
  });

  it('moves 29 February to the 28th in common years', () => {
    const leapDay: FestivalDefinition = { kind: 'fixed', month: 2, day: 29 };

    expect([festivals.dateIn(leapDay, 2027), festivals.dateIn(leapDay, 2028)]).toEqual(['2027-02-28', '2028-02-29']);
  });
});

describe('festival definitions as data', () => {
  it('accepts every default and a marketer\'s own lunar or fixed festival', () => {
    for (const definition of Object.values(DEFAULT_FESTIVALS)) expect(FestivalDefinition.parse(definition)).toEqual(definition);
    expect(FestivalDefinition.parse({ kind: 'lunar', month: 9, day: 9 })).toEqual({ kind: 'lunar', month: 9, day: 9 });
    expect(FestivalName.options).toContain('spring-festival');
  });

  it.each([
    [{ kind: 'lunar', month: 13, day: 1 }, 'month'],
    [{ kind: 'lunar', month: 1, day: 31 }, 'day'],
    [{ kind: 'fixed', month: 2, day: 30 }, 'day'],
    [{ kind: 'fixed', month: 4, day: 31 }, 'day'],
    [{ kind: 'solar', month: 1, day: 1 }, 'kind'],
    [{ kind: 'fixed', month: 1, day: 1, dya: 2 }, ''],
  ])('rejects %j at its field', (definition, field) => {
    const result = FestivalDefinition.safeParse(definition);

    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.path.join('.')).toBe(field);
  });
});

describe('festival dates around a date', () => {
  const lunarDay = fc.record({ kind: fc.constant('lunar' as const), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 30 }) });
  const fixedDay = fc.record({ kind: fc.constant('fixed' as const), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 28 }) });
  const festival = fc.oneof(lunarDay, fixedDay);
  const date = fc.integer({ min: 0, max: 365 * 140 }).map((days) => addDays('1950-01-01', days));

  it('gives the next date on or after a date, with none of its dates skipped in between', () => {
    fc.assert(
      fc.property(festival, date, (definition, from) => {
        const next = festivals.nextOnOrAfter(definition, from);
        const year = Number(from.slice(0, 4));
        const occurrences = [year - 1, year, year + 1, year + 2].map((y) => festivals.dateIn(definition, y));

        expect(next >= from).toBe(true);
        expect(next).toBe(occurrences.filter((occurrence) => occurrence >= from).sort()[0]);
      }),
      { numRuns: 300 },
    );
  });

  it('lists within each Gregorian year exactly the dates of consecutive festival years', () => {
    fc.assert(
      fc.property(lunarDay, fc.integer({ min: 1950, max: 2080 }), (definition, firstYear) => {
        const byGregorianYear = [0, 1, 2, 3, 4].flatMap((offset) => festivals.datesInYear(definition, firstYear + offset));
        const byFestivalYear = [-1, 0, 1, 2, 3, 4]
          .map((offset) => festivals.dateIn(definition, firstYear + offset))
          .filter((d) => d >= `${firstYear}-01-01` && d <= `${firstYear + 4}-12-31`);

        expect(byGregorianYear).toEqual(byFestivalYear);
      }),
      { numRuns: 200 },
    );
  });

  it('finds Mid-Autumn 2027 once Mid-Autumn 2026 has passed, and a late lunar day from the previous lunar year in January', () => {
    expect(festivals.nextOnOrAfter(midAutumn, '2026-09-25')).toBe('2026-09-25');
    expect(festivals.nextOnOrAfter(midAutumn, '2026-09-26')).toBe('2027-09-15');
    // Laba (lunar 12-8) of lunar 2025 falls on 2026-01-26.
    expect(festivals.nextOnOrAfter({ kind: 'lunar', month: 12, day: 8 }, '2026-01-01')).toBe('2026-01-26');
    expect(lunarDayOf('2026-01-26')).toEqual({ month: 12, day: 8 });
  });
});

describe('precomputed lunar dates', () => {
  it('answer as the library does for the days tabulated and refuse the others', () => {
    const days = [springFestival, midAutumn];
    const table = tabulateLunarDates(lunarJavascriptCalendar, days, 2026, 2030);
    const fromTable = new FestivalCalendar(lunarCalendarFromTable(JSON.parse(JSON.stringify(table))));

    for (let year = 2026; year <= 2030; year++) {
      for (const festival of days) expect(fromTable.dateIn(festival, year)).toBe(festivals.dateIn(festival, year));
    }
    expect(() => fromTable.dateIn(springFestival, 2031)).toThrow(RangeError);
    expect(() => fromTable.dateIn(dragonBoat, 2026)).toThrow(RangeError);
  });
});
