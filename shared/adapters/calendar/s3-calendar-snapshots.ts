import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { calendarFolderName, calendarObjectName, TenantCalendar, type CalendarSnapshots } from '../../ports/calendar-snapshots';

/** Calendars as JSON objects in the calendar bucket, one per tenant and shard (encryption is the bucket's default); SDK errors pass on. */
export function createS3CalendarSnapshots(client: S3Client, bucket: string): CalendarSnapshots {
  return {
    async save(tenantId, calendar) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: calendarObjectName(tenantId, calendar.shard), Body: JSON.stringify(calendar), ContentType: 'application/json' }));
    },
    async load(tenantId) {
      const keys: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: calendarFolderName(tenantId), ContinuationToken: token }));
        keys.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : [])));
        token = page.NextContinuationToken;
      } while (token);
      return Promise.all(
        keys.map(async (key) => {
          const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
          return TenantCalendar.parse(JSON.parse(await object.Body!.transformToString('utf8')));
        }),
      );
    },
  };
}
