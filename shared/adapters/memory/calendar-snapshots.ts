import { calendarObjectName, TenantCalendar, type CalendarSnapshots } from '../../ports/calendar-snapshots';

/** Calendars in memory, by object name, parsed on the way in as the stored ones are on the way out: for use-case tests. */
export function createMemoryCalendarSnapshots(): CalendarSnapshots & { saved: Map<string, TenantCalendar> } {
  const saved = new Map<string, TenantCalendar>();
  return {
    saved,
    async save(tenantId, calendar) {
      saved.set(calendarObjectName(tenantId, calendar.shard), TenantCalendar.parse(structuredClone(calendar)));
    },
    async load(tenantId) {
      const folder = calendarObjectName(tenantId, { index: 0, of: 1 }).replace(/[^/]+$/, '');
      return [...saved].filter(([name]) => name.startsWith(folder)).map(([, calendar]) => structuredClone(calendar));
    },
  };
}
