import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { calendarObjectName, TenantCalendar, type CalendarSnapshots } from '../../ports/calendar-snapshots';

/** Calendars as JSON objects in the calendar bucket (encryption is the bucket's default); SDK errors other than a missing object pass on. */
export function createS3CalendarSnapshots(client: S3Client, bucket: string): CalendarSnapshots {
  return {
    async save(tenantId, calendar) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: calendarObjectName(tenantId), Body: JSON.stringify(calendar), ContentType: 'application/json' }));
    },
    async load(tenantId) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: calendarObjectName(tenantId) }));
        return TenantCalendar.parse(JSON.parse(await object.Body!.transformToString('utf8')));
      } catch (error) {
        // Not computed yet (a tenant new since the last run): the page says so.
        if (error instanceof NoSuchKey) return undefined;
        throw error;
      }
    },
  };
}
