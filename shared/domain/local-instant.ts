import { DateTime } from 'luxon';
import type { IsoDate } from './dates';

/**
 * The UTC instant (ISO-8601) of a wall-clock date and `HH:MM` in a time zone: where a local date
 * sits on the one axis of instants. A time skipped by a DST change moves forward, as luxon does.
 *
 * @example instantOfLocal('2026-03-14', '09:00', 'Asia/Shanghai') // '2026-03-14T01:00:00.000Z'
 */
export function instantOfLocal(date: IsoDate, clock: string, timeZone: string): string {
  const local = DateTime.fromISO(`${date}T${clock}`, { zone: timeZone });
  if (!local.isValid) throw new RangeError(`Invalid local instant: ${date} ${clock} in ${timeZone}`);
  return local.toUTC().toISO()!;
}
