import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { calendarFolderName, calendarObjectName, type CalendarSnapshots, type TenantCalendar } from '../../ports/calendar-snapshots';
import { encodeShardObject, readShardHeader, readTenantPart, type ReadBytes, type ShardHeader } from './shard-object';

/** A shard object replaced by the next run between the listing and a read, or two reads: read it again, this often at most. */
const attempts = 3;

const replacedMeanwhile = (error: unknown) => (error as { name?: string }).name === 'PreconditionFailed' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 412;
const missing = (error: unknown) => (error as { name?: string }).name === 'NoSuchKey' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404;

/**
 * Calendars in the calendar bucket, one object per shard (encryption is the bucket's default): a
 * run's PUTs are its shards. A tenant's page reads of each shard object its own part by a ranged
 * GET, all of one version (`If-Match` its ETag). A shard's header is read once per version and
 * kept (the job rewrites it a night).
 *
 * With `shards` (the job's split, which the stack gives both functions) the page reads the
 * objects of that split by name: a GET a shard, the tenant's part with `If-Match` the kept
 * header's ETag, which fails once the next run has replaced the object (then the header is read
 * again). Without it the page first lists the shard objects (a LIST, billed ten GETs), as it must
 * when the split is not known. SDK errors pass on; a shard object not written yet holds no part.
 */
export function createS3CalendarSnapshots(client: S3Client, bucket: string, shards?: number): CalendarSnapshots {
  const headers = new Map<string, { etag: string; header: ShardHeader }>();

  async function readShard(key: string, listedEtag: string | undefined, tenantId: string): Promise<TenantCalendar | undefined> {
    let etag = listedEtag;
    if (etag === undefined && shards !== undefined) {
      // Not listed: the kept version is the one to try, when it names the tenant's part (else
      // the tenant may be new in a later version, whose header is read).
      const kept = headers.get(key);
      if (kept?.header.parts.has(tenantId)) etag = kept.etag;
    }
    const listed = listedEtag !== undefined;
    for (let attempt = 1; ; attempt++) {
      const read: ReadBytes = async (start, length) => {
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key: key, Range: `bytes=${start}-${start + length - 1}`, IfMatch: etag }));
        etag ??= object.ETag;
        return object.Body!.transformToByteArray();
      };
      try {
        const kept = headers.get(key);
        const keptHeader = kept && etag !== undefined && kept.etag === etag ? kept.header : undefined;
        // A kept header's first bytes answer a listed version only: unlisted, the part is read
        // again, so that the `If-Match` tells whether the object is still that version.
        const header = keptHeader ? (listed ? keptHeader : { parts: keptHeader.parts }) : await readShardHeader(read);
        if (etag !== undefined) headers.set(key, { etag, header: keptHeader ?? header });
        return await readTenantPart(read, header, tenantId);
      } catch (error) {
        if (!listed && missing(error)) return undefined;
        if (attempt >= attempts || !replacedMeanwhile(error)) throw error;
        // A newer version than listed or kept: read whichever is there now, whole.
        headers.delete(key);
        etag = undefined;
      }
    }
  }

  async function listShards(): Promise<{ key: string; etag: string | undefined }[]> {
    const listed: { key: string; etag: string | undefined }[] = [];
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: calendarFolderName, ContinuationToken: token }));
      listed.push(...(page.Contents ?? []).flatMap((object) => (object.Key ? [{ key: object.Key, etag: object.ETag }] : [])));
      token = page.NextContinuationToken;
    } while (token);
    return listed;
  }

  return {
    async save(shard, calendars) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key: calendarObjectName(shard), Body: encodeShardObject(calendars), ContentType: 'application/octet-stream' }));
    },
    async load(tenantId) {
      const objects = shards === undefined ? await listShards() : Array.from({ length: shards }, (_, index) => ({ key: calendarObjectName({ index, of: shards }), etag: undefined }));
      const parts = await Promise.all(objects.map(({ key, etag }) => readShard(key, etag, tenantId)));
      return parts.filter((part): part is TenantCalendar => part !== undefined);
    },
  };
}
