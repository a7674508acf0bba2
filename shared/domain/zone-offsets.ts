import { Info, type Zone } from 'luxon';

const msPerHour = 3_600_000;

/**
 * A zone's UTC offset over one UTC hour: `before` until `changesAt`, `after` from it on (both the
 * same, `changesAt` infinite, in the hours without a transition, which is nearly all of them).
 */
interface HourOffsets {
  before: number;
  changesAt: number;
  after: number;
}

interface ZoneOffsets {
  zone: Zone;
  hours: Map<number, HourOffsets>;
}

// Hours kept per zone before the zone's table starts over: a simulated year is 8,760 of them.
const hoursKeptPerZone = 20_000;
const zones = new Map<string, ZoneOffsets>();

/**
 * The offset from UTC, in milliseconds, of a time zone at an instant: what luxon computes, but
 * asked of luxon (Intl underneath, microseconds a call) once per zone and UTC hour, and answered
 * from that hour's entry after. Exact as long as a zone changes its offset at most once within
 * an hour, which the tz database has never done (the transition itself is found to the
 * millisecond). Throws a RangeError for a zone luxon does not know.
 *
 * @example offsetAt('Australia/Sydney', Date.parse('2026-03-14T01:00:00Z')) // 39,600,000 (UTC+11)
 */
export function offsetAt(timeZone: string, instant: number): number {
  const offsets = zoneOffsets(timeZone);
  const hour = Math.floor(instant / msPerHour);
  let entry = offsets.hours.get(hour);
  if (entry === undefined) {
    if (offsets.hours.size >= hoursKeptPerZone) offsets.hours.clear();
    entry = hourOffsets(offsets.zone, hour * msPerHour);
    offsets.hours.set(hour, entry);
  }
  return instant < entry.changesAt ? entry.before : entry.after;
}

function zoneOffsets(timeZone: string): ZoneOffsets {
  let offsets = zones.get(timeZone);
  if (offsets === undefined) {
    const zone = Info.normalizeZone(timeZone);
    if (!zone.isValid) throw new RangeError(`Invalid time zone: ${timeZone}`);
    offsets = { zone, hours: new Map() };
    zones.set(timeZone, offsets);
  }
  return offsets;
}

const offsetMs = (zone: Zone, instant: number): number => zone.offset(instant) * 60_000;

function hourOffsets(zone: Zone, start: number): HourOffsets {
  const before = offsetMs(zone, start);
  const after = offsetMs(zone, start + msPerHour - 1);
  if (before === after) return { before, changesAt: Number.POSITIVE_INFINITY, after };
  // The first instant of the hour with the new offset: bisected to the millisecond.
  let low = start;
  let high = start + msPerHour - 1;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetMs(zone, middle) === before) low = middle;
    else high = middle;
  }
  return { before, changesAt: high, after };
}
