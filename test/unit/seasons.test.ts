import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays } from '../../shared/domain/dates';
import { hemisphereOf, RegionCode } from '../../shared/domain/calendar/regions';
import { DEFAULT_SEASONS, nextSeasonStart, SeasonDefinition, seasonStartIn, SeasonName } from '../../shared/domain/calendar/seasons';

const winterCheck = DEFAULT_SEASONS['winter-check'];

describe('seasonal checks by hemisphere', () => {
  it('gives an Australian customer the winter check in June and a Chinese customer in November', () => {
    const sydney = hemisphereOf('AU-NSW');
    const shanghai = hemisphereOf('CN-SH');

    expect(seasonStartIn(winterCheck, sydney, 2026)).toBe('2026-06-01');
    expect(seasonStartIn(winterCheck, shanghai, 2026)).toBe('2026-11-01');
  });

  it('does not give a southern customer the northern winter check, nor the other way round', () => {
    fc.assert(
      fc.property(SeasonNameArbitrary(), fc.integer({ min: 1950, max: 2100 }), (name, year) => {
        const season = DEFAULT_SEASONS[name];

        expect(seasonStartIn(season, hemisphereOf('NZ'), year)).not.toBe(seasonStartIn(season, hemisphereOf('US'), year));
      }),
    );
    expect(seasonStartIn(winterCheck, hemisphereOf('AU'), 2026)).not.toBe('2026-11-01');
  });

  it('takes a marketer\'s own start dates from YAML data', () => {
    const earlyWinter = SeasonDefinition.parse({ north: { month: 10, day: 15 }, south: { month: 5, day: 20 } });

    expect(seasonStartIn(earlyWinter, 'north', 2026)).toBe('2026-10-15');
    expect(seasonStartIn(earlyWinter, 'south', 2026)).toBe('2026-05-20');
  });

  it('rejects a start date that does not exist or a misspelt hemisphere', () => {
    expect(SeasonDefinition.safeParse({ north: { month: 2, day: 30 }, south: { month: 6, day: 1 } }).success).toBe(false);
    expect(SeasonDefinition.safeParse({ north: { month: 11, day: 1 }, sout: { month: 6, day: 1 } }).success).toBe(false);
  });

  it('starts a 29 February season on the 28th in common years', () => {
    const leapDay = SeasonDefinition.parse({ north: { month: 2, day: 29 }, south: { month: 8, day: 29 } });

    expect([seasonStartIn(leapDay, 'north', 2027), seasonStartIn(leapDay, 'north', 2028)]).toEqual(['2027-02-28', '2028-02-29']);
  });

  it('finds the next start on or after a date', () => {
    expect(nextSeasonStart(winterCheck, 'south', '2026-06-01')).toBe('2026-06-01');
    expect(nextSeasonStart(winterCheck, 'south', '2026-06-02')).toBe('2027-06-01');
    fc.assert(
      fc.property(SeasonNameArbitrary(), fc.constantFrom('north' as const, 'south' as const), fc.integer({ min: 0, max: 365 * 100 }), (name, hemisphere, days) => {
        const from = addDays('1960-01-01', days);
        const next = nextSeasonStart(DEFAULT_SEASONS[name], hemisphere, from);

        expect(next >= from).toBe(true);
        expect(next < addDays(from, 366)).toBe(true);
        expect(next).toBe(seasonStartIn(DEFAULT_SEASONS[name], hemisphere, Number(next.slice(0, 4))));
      }),
    );
  });
});

describe('hemisphere of a region', () => {
  it.each(['AU', 'NZ', 'ZA', 'AR', 'BR', 'CL', 'ID', 'AU-VIC'])('puts %s in the south', (region) => {
    expect(hemisphereOf(region)).toBe('south');
  });

  it.each(['CN', 'US', 'DE', 'JP', 'GB', 'SG', 'CN-SH', 'US-CA'])('puts %s in the north', (region) => {
    expect(hemisphereOf(region)).toBe('north');
  });

  it('accepts country and subdivision codes and rejects anything else', () => {
    expect(['AU', 'AU-NSW', 'CN-SH', 'GB-ENG'].map((code) => RegionCode.safeParse(code).success)).toEqual([true, true, true, true]);
    expect(['au', 'AUS', 'Australia', 'AU-', 'AU-ABCD'].map((code) => RegionCode.safeParse(code).success)).toEqual([false, false, false, false, false]);
  });
});

function SeasonNameArbitrary() {
  return fc.constantFrom(...SeasonName.options);
}
