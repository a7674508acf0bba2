import { describe, expect, it } from 'vitest';
import { parseStartOptions, UsageError } from '../../local/options';
import { ticksCoveringDate } from '../../local/run-day';

describe('the local run of a date', () => {
  it('covers every hourly tick at which the date is current somewhere, from UTC+14 to UTC-12', () => {
    const ticks = ticksCoveringDate('2026-03-14');

    expect(ticks).toHaveLength(50);
    expect(ticks[0]!.toISOString()).toBe('2026-03-13T10:00:00.000Z');
    expect(ticks.at(-1)!.toISOString()).toBe('2026-03-15T11:00:00.000Z');
  });

  it('stops at the current hour for today, so nobody is greeted before their local time', () => {
    const now = new Date('2026-11-24T20:30:00Z');

    const options = parseStartOptions([], now);

    expect(options).toMatchObject({ date: '2026-11-24', until: now });
    const ticks = ticksCoveringDate('2026-11-24', now);
    expect(ticks.at(-1)!.toISOString()).toBe('2026-11-24T20:00:00.000Z');
  });

  it('simulates an explicitly chosen date whole', () => {
    const options = parseStartOptions(['--date', '2026-03-14'], new Date('2026-11-24T20:30:00Z'));

    expect(options).not.toHaveProperty('until');
  });

  it('rejects an impossible date and a bad port with the option named', () => {
    expect(() => parseStartOptions(['--date', '2026-02-30'])).toThrow(UsageError);
    expect(() => parseStartOptions(['--api-port', '70000'])).toThrow(/--api-port/);
  });
});
