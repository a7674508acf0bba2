import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { calendarFolderName, calendarObjectName, TenantCalendar, type CalendarSnapshots } from '../../ports/calendar-snapshots';

/** Calendars as JSON files under `folder` (`npm start`: `.local/`); written to a temporary name then renamed, so a reader never sees half a file. */
export function createFolderCalendarSnapshots(folder: string): CalendarSnapshots {
  return {
    async save(tenantId, calendar) {
      const path = join(folder, calendarObjectName(tenantId, calendar.shard));
      await mkdir(dirname(path), { recursive: true });
      await writeFile(`${path}.tmp`, JSON.stringify(calendar));
      await rename(`${path}.tmp`, path);
    },
    async load(tenantId) {
      const tenantFolder = join(folder, calendarFolderName(tenantId));
      const names = await readdir(tenantFolder).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      const files = names.filter((name) => name.endsWith('.json'));
      return Promise.all(files.map(async (name) => TenantCalendar.parse(JSON.parse(await readFile(join(tenantFolder, name), 'utf8')))));
    },
  };
}
