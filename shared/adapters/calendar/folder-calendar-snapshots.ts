import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { calendarObjectName, TenantCalendar, type CalendarSnapshots } from '../../ports/calendar-snapshots';

/** Calendars as JSON files under `folder` (`npm start`: `.local/`); written to a temporary name then renamed, so a reader never sees half a file. */
export function createFolderCalendarSnapshots(folder: string): CalendarSnapshots {
  return {
    async save(tenantId, calendar) {
      const path = join(folder, calendarObjectName(tenantId));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(`${path}.tmp`, JSON.stringify(calendar));
      await rename(`${path}.tmp`, path);
    },
    async load(tenantId) {
      const text = await readFile(join(folder, calendarObjectName(tenantId)), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return undefined;
        throw error;
      });
      return text === undefined ? undefined : TenantCalendar.parse(JSON.parse(text));
    },
  };
}
