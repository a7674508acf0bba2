import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ageOn, birthDateIssue, checkCustomer, Customer } from '../../shared/domain/customer';
import { formatIsoDate, isCalendarDate } from '../../shared/domain/dates';
import { aCustomer } from '../helpers/factories';

describe('birth dates', () => {
  it('rejects a birth date that is not on the calendar', () => {
    for (const birthDate of ['1980-02-30', '1981-02-29', '1980-04-31', '1980-13-01', '1980-00-10', '1980-01-00']) {
      const parsed = Customer.safeParse(aCustomer({ birthDate }));
      expect(parsed.success, birthDate).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(['birthDate']);
    }
  });

  it('accepts 29 February in leap years, including 2000', () => {
    for (const birthDate of ['1996-02-29', '2000-02-29']) expect(Customer.safeParse(aCustomer({ birthDate })).success).toBe(true);
  });

  it('agrees with the JavaScript calendar on every day it can name', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (year, month, day) => {
        const date = formatIsoDate(year, month, day);
        const js = new Date(Date.UTC(year, month - 1, day));
        js.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
        const exists = js.getUTCMonth() === month - 1 && js.getUTCDate() === day;
        expect(isCalendarDate(date)).toBe(exists);
      }),
    );
  });

  it('rejects a birth date after today and one that makes the customer older than 130', () => {
    expect(birthDateIssue('2031-03-14', '2026-03-14')).toBe('birth date is after 2026-03-14');
    expect(birthDateIssue('1895-03-13', '2026-03-14')).toBe('birth date makes the customer older than 130');
    expect(birthDateIssue('1896-03-14', '2026-03-14')).toBeUndefined();
    expect(birthDateIssue('2026-03-14', '2026-03-14')).toBeUndefined();
  });

  it('counts whole years, turning a year older on the birthday itself', () => {
    expect(ageOn('1980-03-14', '2026-03-13')).toBe(45);
    expect(ageOn('1980-03-14', '2026-03-14')).toBe(46);
  });

  it('reports the birth date field when a customer record is checked on a day', () => {
    expect(checkCustomer(aCustomer({ birthDate: '2031-03-14' }), '2026-03-14')).toEqual({
      ok: false,
      issues: [{ path: 'birthDate', message: 'birth date is after 2026-03-14' }],
    });
    expect(checkCustomer(aCustomer(), '2026-03-14')).toEqual({ ok: true, customer: aCustomer() });
  });
});
