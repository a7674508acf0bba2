import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageTurningIn, birthdayInYear, isBirthdayOn } from '../../shared/domain/journey/birthday';
import { addDays, datesCurrentAnywhere, formatIsoDate, isLeapYear } from '../../shared/domain/dates';

describe('birthday dates', () => {
  it('celebrates a 29 February birthday on 28 February in a non-leap year by default rule feb28', () => {
    expect(birthdayInYear('1992-02-29', 2026, 'feb28')).toBe('2026-02-28');
    expect(isBirthdayOn('1992-02-29', '2026-02-28', 'feb28')).toBe(true);
    expect(isBirthdayOn('1992-02-29', '2026-03-01', 'feb28')).toBe(false);
  });

  it('celebrates a 29 February birthday on 1 March when the journey says mar1', () => {
    expect(isBirthdayOn('1992-02-29', '2026-03-01', 'mar1')).toBe(true);
    expect(isBirthdayOn('1992-02-29', '2026-02-28', 'mar1')).toBe(false);
  });

  it('celebrates a 29 February birthday on the day itself in a leap year', () => {
    expect(isBirthdayOn('1992-02-29', '2028-02-29', 'feb28')).toBe(true);
    expect(isBirthdayOn('1992-02-29', '2028-02-28', 'feb28')).toBe(false);
  });

  it('gives the age the customer turns', () => {
    expect(ageTurningIn('1980-03-14', '2026-03-14')).toBe(46);
    expect(ageTurningIn('1992-02-29', '2026-02-28')).toBe(34);
  });

  it('every birth date has exactly one birthday a year, whatever the rule (property)', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1920-01-01'), max: new Date('2010-12-31'), noInvalidDate: true }),
        fc.integer({ min: 2011, max: 2099 }),
        fc.constantFrom('feb28' as const, 'mar1' as const),
        (birth, year, rule) => {
          const birthDate = birth.toISOString().slice(0, 10);
          let matches = 0;
          for (let date = formatIsoDate(year, 1, 1); date.startsWith(String(year)); date = addDays(date, 1)) {
            if (isBirthdayOn(birthDate, date, rule)) matches += 1;
          }
          expect(matches).toBe(1);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('calendar helpers', () => {
  it('knows the Gregorian leap years', () => {
    expect([1900, 2000, 2024, 2026].map(isLeapYear)).toEqual([false, true, true, false]);
  });

  it('lists every date that is current somewhere on Earth at an instant', () => {
    expect(datesCurrentAnywhere(new Date('2026-03-14T12:00:00Z'))).toEqual(['2026-03-14', '2026-03-15']);
    expect(datesCurrentAnywhere(new Date('2026-03-14T09:00:00Z'))).toEqual(['2026-03-13', '2026-03-14']);
    expect(datesCurrentAnywhere(new Date('2026-03-14T10:30:00Z'))).toEqual(['2026-03-13', '2026-03-14', '2026-03-15']);
  });
});
