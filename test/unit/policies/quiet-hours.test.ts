import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nextAllowedInstant, quietHoursPolicy, SendingWindow } from '../../../shared/domain/policies/quiet-hours';
import { settingsFor } from '../../../shared/domain/policies/settings';
import { aCustomer } from '../../helpers/factories';
import { aPolicyInput } from '../../helpers/policy-input';

const at = (iso: string) => new Date(iso);
const shanghai = aCustomer({ timeZone: 'Asia/Shanghai' });

describe('quiet hours policy', () => {
  it('sends an SMS inside 09:00-20:00 local time', () => {
    expect(quietHoursPolicy(aPolicyInput({ now: at('2026-03-14T12:00:00Z') }))).toEqual({ decision: 'send' });
  });

  it('defers an SMS at 21:00 to 09:00 the next morning in the customer\'s zone', () => {
    expect(quietHoursPolicy(aPolicyInput({ now: at('2026-03-14T21:00:00Z') }))).toEqual({
      decision: 'defer',
      until: at('2026-03-15T09:00:00Z'),
      reason: 'quiet-hours',
    });
  });

  it('keeps 09:00 local across the clocks going forward in the night (London, end of March)', () => {
    // 21:00 GMT on Saturday 28 March; at 01:00 the clocks go to 02:00 BST: 09:00 BST is 08:00 UTC.
    const verdict = quietHoursPolicy(aPolicyInput({ now: at('2026-03-28T21:00:00Z') }));

    expect(verdict).toMatchObject({ decision: 'defer', until: at('2026-03-29T08:00:00Z') });
  });

  it('keeps 09:00 local across the clocks going back (London, end of October)', () => {
    // 21:30 BST on Saturday 24 October; 09:00 GMT on Sunday is 09:00 UTC.
    expect(quietHoursPolicy(aPolicyInput({ now: at('2026-10-24T20:30:00Z') }))).toMatchObject({ until: at('2026-10-25T09:00:00Z') });
  });

  it('defers across midnight in the customer\'s zone, not in UTC', () => {
    // 13:30 UTC on 14 March is 21:30 in Shanghai: the next opening is 09:00 on 15 March there.
    expect(quietHoursPolicy(aPolicyInput({ customer: shanghai, now: at('2026-03-14T13:30:00Z') }))).toMatchObject({ until: at('2026-03-15T01:00:00Z') });
    // 22:00 UTC on 14 March is already 06:00 on 15 March in Shanghai: that same morning.
    expect(quietHoursPolicy(aPolicyInput({ customer: shanghai, now: at('2026-03-14T22:00:00Z') }))).toMatchObject({ until: at('2026-03-15T01:00:00Z') });
  });

  it('falls back to the dealer\'s zone for a customer without one, never to UTC', () => {
    const { timeZone: _zone, ...customer } = aCustomer();

    // 13:00 UTC is 21:00 at the Shanghai dealer (and would be fine in UTC or London).
    expect(quietHoursPolicy(aPolicyInput({ customer, dealer: { timeZone: 'Asia/Shanghai' }, now: at('2026-03-14T13:00:00Z') }))).toMatchObject({
      decision: 'defer',
      until: at('2026-03-15T01:00:00Z'),
    });
  });

  it('has no quiet hours for email by default, and takes a journey\'s own window', () => {
    const input = aPolicyInput({ now: at('2026-03-14T03:00:00Z') });
    const email = { ...input, message: { ...input.message, channel: 'email' as const } };

    expect(quietHoursPolicy(email)).toEqual({ decision: 'send' });
    expect(quietHoursPolicy({ ...email, settings: settingsFor({ email: '08:00-21:00' }) })).toMatchObject({ until: at('2026-03-14T08:00:00Z') });
  });

  it('opens a window that starts inside a DST gap at the end of the gap', () => {
    // 01:30 does not exist in London on 29 March 2026 (01:00 GMT jumps to 02:00 BST).
    expect(nextAllowedInstant('01:30-05:00', 'Europe/London', at('2026-03-29T00:30:00Z')).getTime()).toBeGreaterThanOrEqual(at('2026-03-29T01:00:00Z').getTime());
    expect(nextAllowedInstant('01:30-05:00', 'Europe/London', at('2026-03-29T00:30:00Z')).getTime()).toBeLessThanOrEqual(at('2026-03-29T01:30:00Z').getTime());
  });

  it('rejects a window that ends before it starts, or is not HH:MM-HH:MM', () => {
    expect(SendingWindow.safeParse('20:00-09:00').success).toBe(false);
    expect(SendingWindow.safeParse('9:00-20:00').success).toBe(false);
    expect(SendingWindow.safeParse('none').success).toBe(true);
  });
});

describe('telling whether an instant is inside a sending window', () => {
  // Inside is told from the zone offset table, not luxon: the two must agree at every instant,
  // across the DST changes of both hemispheres and zones with half- and quarter-hour offsets.
  const zones = ['Europe/London', 'Australia/Sydney', 'America/New_York', 'Asia/Kolkata', 'Asia/Kathmandu', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Shanghai', 'UTC'];
  const clock = fc.integer({ min: 0, max: 23 * 60 + 59 }).map((minutes) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`);
  const window = fc.tuple(clock, clock).filter(([from, to]) => from < to).map(([from, to]) => `${from}-${to}` as Exclude<SendingWindow, 'none'>);
  const instant = fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2027-12-31T00:00:00Z') }).map((ms) => new Date(ms));

  it('agrees with luxon’s wall clock at any instant, window and zone', () => {
    let inside = 0;
    fc.assert(
      fc.property(window, fc.constantFrom(...zones), instant, (sendingWindow, zone, now) => {
        const local = DateTime.fromJSDate(now, { zone });
        const minute = local.hour * 60 + local.minute;
        const opensAt = Number(sendingWindow.slice(0, 2)) * 60 + Number(sendingWindow.slice(3, 5));
        const closesAt = Number(sendingWindow.slice(6, 8)) * 60 + Number(sendingWindow.slice(9, 11));
        const expectedInside = minute >= opensAt && minute < closesAt;

        const next = nextAllowedInstant(sendingWindow, zone, now);

        expect(next.getTime() === now.getTime()).toBe(expectedInside);
        if (!expectedInside) expect(next.getTime()).toBeGreaterThan(now.getTime());
        if (expectedInside) inside += 1;
      }),
      { numRuns: 3000 },
    );
    expect(inside).toBeGreaterThan(300);
  });

  it('leaves a zone the offset table does not know to luxon, as before', () => {
    expect(Number.isNaN(nextAllowedInstant('09:00-20:00', 'Not/AZone', new Date('2026-03-14T12:00:00Z')).getTime())).toBe(true);
  });
});
