import { S3Client } from '@aws-sdk/client-s3';
import { createFolderCalendarSnapshots } from '../adapters/calendar/folder-calendar-snapshots';
import { createS3CalendarSnapshots } from '../adapters/calendar/s3-calendar-snapshots';
import type { CalendarSnapshots } from '../ports/calendar-snapshots';
import { sdkClientOptions } from './timeouts';

/** The calendars' store: the bucket in AWS (its shard objects read by name when the split is known), the folder locally (the env schema requires one). */
export function composeCalendarSnapshots(env: { CALENDAR_BUCKET?: string | undefined; CALENDAR_FOLDER?: string | undefined; CALENDAR_SHARDS?: number | undefined }): CalendarSnapshots {
  if (env.CALENDAR_BUCKET) return createS3CalendarSnapshots(new S3Client(sdkClientOptions()), env.CALENDAR_BUCKET, env.CALENDAR_SHARDS);
  return createFolderCalendarSnapshots(env.CALENDAR_FOLDER!);
}
