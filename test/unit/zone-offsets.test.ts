import fc from 'fast-check';
import { IANAZone, Info } from 'luxon';
import { describe, expect, it } from 'vitest';
import { TimeZone } from '../../shared/domain/customer';
import { offsetAt, offsetOfText } from '../../shared/domain/zone-offsets';

// Every zone this runtime's Intl knows, and aliases and fixed zones it also takes (what the
// customer and dealer schemas accept: `TimeZone` asks Intl).
const ianaZones = Intl.supportedValuesOf('timeZone');
const otherZones = ['UTC', 'Etc/UTC', 'Etc/GMT+12', 'Etc/GMT-14', 'Asia/Calcutta', 'US/Pacific'];

/** What offsetAt stands for: luxon's offset of the zone, in milliseconds. */
const luxonOffset = (zone: string, instant: number) => Info.normalizeZone(zone).offset(instant) * 60_000;

describe('the offset of a zone at an instant', () => {
  it('is luxon’s, for every zone Intl knows, from the years of local mean time (offsets in seconds) to 2100', () => {
    expect(ianaZones.length).toBeGreaterThan(300);
    fc.assert(
      fc.property(fc.constantFrom(...ianaZones, ...otherZones), fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2100, 0, 1) }), (zone, instant) => {
        expect(offsetAt(zone, instant)).toBe(luxonOffset(zone, instant));
      }),
      { numRuns: 20_000 },
    );
  });

  it('is luxon’s hour after hour through the years, as the simulation walks them, and to the millisecond at each change', () => {
    const zones = ['Australia/Lord_Howe', 'Africa/Casablanca', 'Antarctica/Troll'];
    let changes = 0;
    for (const zone of zones) {
      const iana = IANAZone.create(zone);
      for (let instant = Date.UTC(2012, 0, 1); instant < Date.UTC(2015, 0, 1); instant += 3_600_000) {
        expect(offsetAt(zone, instant)).toBe(iana.offset(instant) * 60_000);
        if (iana.offset(instant) === iana.offset(instant + 3_600_000)) continue;
        changes += 1;
        let [low, high] = [instant, instant + 3_600_000];
        while (high - low > 1) {
          const middle = Math.floor((low + high) / 2);
          if (iana.offset(middle) === iana.offset(instant)) low = middle;
          else high = middle;
        }
        for (const at of [low, high, high + 1]) expect(offsetAt(zone, at)).toBe(iana.offset(at) * 60_000);
      }
    }
    expect(changes).toBeGreaterThan(20);
  });

  it('reads Intl’s offset text whichever minus sign ICU writes, and never takes an unknown sign for a plus', () => {
    expect(offsetOfText('11/28/2026, GMT+11:00', 'Australia/Sydney')).toBe(39_600_000);
    expect(offsetOfText('11/28/2026, GMT-03:30', 'America/St_Johns')).toBe(-12_600_000);
    expect(offsetOfText('11/28/2026, GMT\u221203:30', 'America/St_Johns')).toBe(-12_600_000);
    expect(offsetOfText('1/1/1880, GMT-00:01:15', 'Africa/Abidjan')).toBe(-75_000);
    expect(offsetOfText('11/28/2026, GMT', 'Europe/London')).toBe(0);
    expect(() => offsetOfText('11/28/2026, GMT~05:00', 'Asia/Karachi')).toThrow(RangeError);
    expect(() => offsetOfText('11/28/2026, UTC+5', 'Asia/Karachi')).toThrow(RangeError);
  });

  it('rejects a zone that does not exist, and luxon-only fixed forms no customer or dealer schema lets in', () => {
    expect(() => offsetAt('Mars/Olympus_Mons', 0)).toThrow(RangeError);
    for (const zone of ['utc+3', 'UTC-09:30', 'system']) {
      expect(TimeZone.safeParse(zone).success).toBe(false);
      expect(() => offsetAt(zone, 0)).toThrow(RangeError);
    }
  });
});
