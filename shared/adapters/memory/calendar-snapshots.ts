import { TenantCalendar, type CalendarSnapshots } from '../../ports/calendar-snapshots';

/** Calendars in memory, parsed on the way in as the stored ones are on the way out: for use-case tests. */
export function createMemoryCalendarSnapshots(): CalendarSnapshots & { saved: Map<string, TenantCalendar> } {
  const saved = new Map<string, TenantCalendar>();
  return {
    saved,
    async save(tenantId, calendar) {
      saved.set(tenantId, TenantCalendar.parse(structuredClone(calendar)));
    },
    async load(tenantId) {
      const calendar = saved.get(tenantId);
      return calendar && structuredClone(calendar);
    },
  };
}
