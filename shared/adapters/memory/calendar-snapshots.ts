import { calendarObjectName, TenantCalendar, type CalendarSnapshots } from '../../ports/calendar-snapshots';
import { encodeShardObject, readTenantCalendar } from '../calendar/shard-object';

/** Calendars in memory, one object per shard in the stored layout (`saved`, by object name): for use-case tests. */
export function createMemoryCalendarSnapshots(): CalendarSnapshots & { saved: Map<string, Uint8Array> } {
  const saved = new Map<string, Uint8Array>();
  return {
    saved,
    async save(shard, calendars) {
      // Parsed on the way in, as the stored ones are on the way out.
      saved.set(calendarObjectName(shard), encodeShardObject(new Map([...calendars].map(([tenantId, calendar]) => [tenantId, TenantCalendar.parse(calendar)]))));
    },
    async load(tenantId) {
      const parts = await Promise.all([...saved.values()].map((object) => readTenantCalendar(async (start, length) => object.subarray(start, start + length), tenantId)));
      return parts.filter((part): part is TenantCalendar => part !== undefined);
    },
  };
}
