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
  /** The zone's offset at an instant, in milliseconds, asked of Intl. */
  offsetOf: (instant: number) => number;
  hours: Map<number, HourOffsets>;
  /** The offset at the first instant of each hour asked about or next to one: an hour's end is the next one's start. */
  starts: Map<number, number>;
}

// Hours kept per zone before the zone's table starts over: a simulated year is 8,760 of them.
const hoursKeptPerZone = 20_000;
const zones = new Map<string, ZoneOffsets>();

/**
 * The offset from UTC, in milliseconds, of a time zone at an instant: what luxon computes, but
 * asked of Intl (microseconds a call) about once per zone and UTC hour, and answered from that
 * hour's entry after. Exact as long as a zone changes its offset at most once within
 * an hour and the instant after it, which the tz database has never done (the transition itself
 * is found to the millisecond). Throws a RangeError for a zone Intl does not know: the zones the
 * customer and dealer schemas accept (`TimeZone`), and no more. Luxon is not imported here, which
 * keeps it (71 KB minified) out of the evaluation bundle: see docs/cost.md.
 *
 * @example offsetAt('Australia/Sydney', Date.parse('2026-03-14T01:00:00Z')) // 39,600,000 (UTC+11)
 */
export function offsetAt(timeZone: string, instant: number): number {
  const offsets = zoneOffsets(timeZone);
  const hour = Math.floor(instant / msPerHour);
  let entry = offsets.hours.get(hour);
  if (entry === undefined) {
    if (offsets.hours.size >= hoursKeptPerZone) [offsets.hours, offsets.starts] = [new Map(), new Map()];
    entry = hourOffsets(offsets, hour);
    offsets.hours.set(hour, entry);
  }
  return instant < entry.changesAt ? entry.before : entry.after;
}

function zoneOffsets(timeZone: string): ZoneOffsets {
  let offsets = zones.get(timeZone);
  if (offsets === undefined) {
    offsets = { offsetOf: ianaOffsets(timeZone), hours: new Map(), starts: new Map() };
    zones.set(timeZone, offsets);
  }
  return offsets;
}

/**
 * An IANA zone's offset at an instant as luxon's `zone.offset` gives it, from Intl's own offset
 * ("GMT+11:00", "GMT-07:52:58" in the years of local mean time, "GMT" for none) rather than from
 * the wall-clock date and time luxon formats into parts and takes the instant from: one call of
 * a fifth of the cost, the same tz data. Where a second count leaves a fraction of a minute it
 * goes through minutes as luxon's does, so the milliseconds are the same to the last bit.
 */
function ianaOffsets(name: string): (instant: number) => number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone: name, timeZoneName: 'longOffset' });
  return (instant) => offsetOfText(format.format(instant), name);
}

/**
 * The offset in milliseconds that Intl's `longOffset` text ends with ("..., GMT+11:00", "GMT" for
 * none). ICU writes the sign as '+' or '-', some versions as U+2212: anything else is not an
 * offset, and throws rather than read as a plus.
 */
export function offsetOfText(text: string, zoneName: string): number {
  const at = text.lastIndexOf('GMT');
  if (at < 0) throw new RangeError(`No offset in ${JSON.stringify(text)} for ${zoneName}`);
  if (at + 3 === text.length) return 0;
  const signChar = text.charCodeAt(at + 3);
  const sign = signChar === plusSign ? 1 : signChar === minusSign || signChar === minusSignMath ? -1 : Number.NaN;
  const [hours = Number.NaN, minutes = 0, seconds = 0] = text.slice(at + 4).split(':').map(Number);
  const milliseconds = sign * (hours * 3600 + minutes * 60 + seconds) * 1000;
  if (!Number.isFinite(milliseconds)) throw new RangeError(`No offset in ${JSON.stringify(text)} for ${zoneName}`);
  return (milliseconds / 60_000) * 60_000;
}

const plusSign = 0x2b;
const minusSign = 0x2d;
const minusSignMath = 0x2212;

function startOffset({ offsetOf, starts }: ZoneOffsets, hour: number): number {
  let offset = starts.get(hour);
  if (offset === undefined) starts.set(hour, (offset = offsetOf(hour * msPerHour)));
  return offset;
}

/**
 * One hour's offsets. The hour's start and the next one's are asked of Intl (each once, shared
 * with the hours either side: one call an hour as the simulation walks through time, not two);
 * only when they differ is its last millisecond asked too, and the change found.
 */
function hourOffsets(offsets: ZoneOffsets, hour: number): HourOffsets {
  const { offsetOf } = offsets;
  const start = hour * msPerHour;
  const before = startOffset(offsets, hour);
  // At most one change within the hour and the instant after it: the same offset at both ends is no change.
  if (startOffset(offsets, hour + 1) === before) return { before, changesAt: Number.POSITIVE_INFINITY, after: before };
  const after = offsetOf(start + msPerHour - 1);
  // The change falls on the next hour's first instant.
  if (before === after) return { before, changesAt: Number.POSITIVE_INFINITY, after };
  // The first instant of the hour with the new offset: bisected to the millisecond.
  let low = start;
  let high = start + msPerHour - 1;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (offsetOf(middle) === before) low = middle;
    else high = middle;
  }
  return { before, changesAt: high, after };
}
