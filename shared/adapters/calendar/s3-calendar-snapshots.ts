import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { calendarFolderName, calendarObjectName, type CalendarSnapshots, type TenantCalendar } from '../../ports/calendar-snapshots';
import { encodeShardObject, readShardHeader, readTenantPart, type ReadBytes, type ShardHeader } from './shard-object';

/** A shard object replaced by the next run between the listing and a read, or two reads: read it again, this often at most. */
const attempts = 3;

const replacedMeanwhile = (error: unknown) => (error as { name?: string }).name === 'PreconditionFailed' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412;

/**
 * Calendars in the calendar bucket, one object per shard (encryption is the bucket's default): a
 * run's PUTs are its shards. A tenant's page lists the shard objects, then reads of each its own
 * part by a ranged GET, all of the version listed (`If-Match` its ETag). A shard's header is read
 * once per version and kept (the job rewrites it a night), so a page costs one LIST and a GET a
 * shard. SDK errors pass on.
 */
export function createS3CalendarSnapshots(client: S3Client, bucket: string): CalendarSnapshots {
  const headers = new Map<string, { etag: string; header: ShardHeader }>();

  async function readShard(key: string, listedEtag: string | undefined, tenantId: string): Promise<TenantCalendar | undefined> {
    let etag = listedEtag;
    for (let attempt = 1; ; attempt++) {
      const read: ReadBytes = async (start, length) => {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${start + length - 1}`, IfMatch: etag }));
        etag ??= object.ETag;
        return object.Body!.transformToByteArray();
      };
      try {
        const kept = headers.get(key);
        const header = kept && etag !== undefined && kept.etag === etag ? kept.header : await readShardHeader(read);
        if (etag !== undefined) headers.set(key, { etag, header });
        return await readTenantPart(read, header, tenantId);
      } catch (error) {
        if (attempt >= attempts || !replacedMeanwhile(error)) throw error;
        // A newer version than listed: read whichever is there now, whole.
        headers.delete(key);
        etag = undefined;
      }
    }
  }

  return {
    async save(shard, calendars) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: calendarObjectName(shard), Body: encodeShardObject(calendars), ContentType: 'application/octet-stream' }));
    },
    async load(tenantId) {
      const listed: { key: string; etag: string | undefined }[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: calendarFolderName, ContinuationToken: token }));
        listed.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [{ key: object.Key, etag: object.ETag }] : [])));
        token = page.NextContinuationToken;
      } while (token);
      const parts = await Promise.all(listed.map(({ key, etag }) => readShard(key, etag, tenantId)));
      return parts.filter((part): part is TenantCalendar => part !== undefined);
    },
  };
}
