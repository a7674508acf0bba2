import { mkdir, open, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { calendarFolderName, calendarObjectName, type CalendarSnapshots, type TenantCalendar } from '../../ports/calendar-snapshots';
import { encodeShardObject, readTenantCalendar } from './shard-object';

/**
 * Calendars as files under `folder` (`npm start`: `.local/`), one per shard as in the bucket;
 * written to a temporary name then renamed, so a reader, reading from one open file, never sees
 * half a file or two runs' bytes.
 */
export function createFolderCalendarSnapshots(folder: string): CalendarSnapshots {
  const shardFolder = join(folder, calendarFolderName);
  return {
    async save(shard, calendars) {
      const path = join(folder, calendarObjectName(shard));
      await mkdir(shardFolder, { recursive: true });
      await writeFile(`${path}.tmp`, encodeShardObject(calendars));
      await rename(`${path}.tmp`, path);
    },
    async load(tenantId) {
      const names = await readdir(shardFolder).catch((error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return [];
        throw error;
      });
      const parts = await Promise.all(
        names
          .filter((name) => !name.endsWith('.tmp'))
          .map(async (name) => {
            const file = await open(join(shardFolder, name));
            try {
              return await readTenantCalendar(async (start, length) => {
                const buffer = Buffer.alloc(length);
                const { bytesRead } = await file.read(buffer, 0, length, start);
                return buffer.subarray(0, bytesRead);
              }, tenantId);
            } finally {
              await file.close();
            }
          }),
      );
      return parts.filter((part): part is TenantCalendar => part !== undefined);
    },
  };
}
