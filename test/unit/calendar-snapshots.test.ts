import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFolderCalendarSnapshots } from '../../shared/adapters/calendar/folder-calendar-snapshots';
import { createS3CalendarSnapshots } from '../../shared/adapters/calendar/s3-calendar-snapshots';
import { encodeShardObject, firstReadBytes } from '../../shared/adapters/calendar/shard-object';
import { createMemoryCalendarSnapshots } from '../../shared/adapters/memory/calendar-snapshots';
import { calendarObjectName, type CalendarShard, type CalendarSnapshots, type TenantCalendar } from '../../shared/ports/calendar-snapshots';

/** A tenant's calendar of one shard, its sends all of its own dealer (`sends` of them, to vary the sizes). */
function aCalendar(tenantId: string, shard: CalendarShard, sends: number, computedAt = '2026-03-10T02:00:00.000Z'): TenantCalendar {
  const dealerId = tenantId.replace(/^\w+:/, '');
  return {
    computedAt,
    from: '2026-03-10',
    to: '2026-06-07',
    shard,
    days: sends > 0 ? [{ date: '2026-03-11', total: sends, channels: { email: sends }, journeys: { birthday: { email: sends } } }] : [],
    sends: Array.from({ length: sends }, (_, index) => ({ customerId: `${dealerId}-c${index}`, dealerId, journeyId: 'birthday', messageId: 'email', channel: 'email' as const, category: 'transactional' as const, occurrence: '2026', localDate: '2026-03-11', localTime: '09:00', utc: '2026-03-11T01:00:00.000Z', outcome: 'sent' as const })),
    unlisted: {},
    dueAhead: { birthday: sends },
    samples: { birthday: { en: [`${dealerId}-c0`] } },
  };
}

/** A calendar bucket on aws-sdk-client-mock: ranged GETs, `If-Match` on the ETag, and a hook to replace an object between two reads. */
function fakeBucket() {
  const s3 = mockClient(S3Client);
  const objects = new Map<string, { body: Uint8Array; etag: string }>();
  const gets: { key: string; range: string }[] = [];
  let versions = 0;
  let beforeGet: ((count: number) => void) | undefined;
  let failed = 0;
  const store = (key: string, body: Uint8Array) => objects.set(key, { body, etag: `"${(versions += 1)}"` });
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix: string }) => ({ Contents: [...objects.keys()].filter((key) => key.startsWith(input.Prefix)).map((Key) => ({ Key, ETag: objects.get(Key)!.etag })) }));
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: Uint8Array }) => {
    store(input.Key, input.Body);
    return {};
  });
  s3.on(GetObjectCommand).callsFake((input: { Key: string; Range: string; IfMatch?: string }) => {
    gets.push({ key: input.Key, range: input.Range });
    beforeGet?.(gets.length);
    const object = objects.get(input.Key);
    if (!object) throw new S3ServiceException({ name: 'NoSuchKey', $fault: 'client', $metadata: { httpStatusCode: 404 }, message: 'The specified key does not exist.' });
    if (input.IfMatch !== undefined && input.IfMatch !== object.etag) {
      failed += 1;
      throw new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: { httpStatusCode: 412 }, message: 'At least one of the pre-conditions you specified did not hold' });
    }
    const [start, end] = /^bytes=(\d+)-(\d+)$/.exec(input.Range)!.slice(1).map(Number) as [number, number];
    const body = object.body.subarray(start, end + 1);
    return { ETag: object.etag, Body: { transformToByteArray: async () => body } };
  });
  return { s3, objects, gets, store, beforeGet: (hook: (count: number) => void) => (beforeGet = hook), preconditionsFailed: () => failed };
}

describe('the calendar snapshots: one object per shard, each tenant reading its own part', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'calendars-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });
  let bucket: ReturnType<typeof fakeBucket> | undefined;
  afterEach(() => {
    bucket?.s3.restore();
    bucket = undefined;
  });

  let folders = 0;
  const byNameShards = 3;
  /** The split a store's calendars are saved with: any, unless the store reads a known one. */
  const splitOf = (name: string, any: number) => (name === 's3 by name' ? byNameShards : any);
  const stores: Record<string, () => CalendarSnapshots> = {
    memory: () => createMemoryCalendarSnapshots(),
    folder: () => createFolderCalendarSnapshots(join(folder, String((folders += 1)))),
    s3: () => {
      bucket?.s3.restore();
      bucket = fakeBucket();
      return createS3CalendarSnapshots(new S3Client({ region: 'us-east-1' }), 'calendars');
    },
    // The split known (as the stack gives it): the shard objects read by name, no LIST; the tests
    // below save with that split, some of its objects left unwritten.
    's3 by name': () => {
      bucket?.s3.restore();
      bucket = fakeBucket();
      return createS3CalendarSnapshots(new S3Client({ region: 'us-east-1' }), 'calendars', byNameShards);
    },
  };

  for (const [name, create] of Object.entries(stores)) {
    it(`${name}: gives each tenant exactly the calendars saved for it, from every shard, and none of another tenant's`, async () => {
      // Tenant ids that are prefixes of one another, and names an object's own keys carry.
      const tenantIds = fc.constantFrom('dealer:a', 'dealer:ab', 'dealer:b', 'brand:a', 'dealer:__proto__', 'dealer:constructor', 'dealer:上海');
      await fc.assert(
        fc.asyncProperty(name === 's3 by name' ? fc.constant(byNameShards) : fc.integer({ min: 1, max: 4 }), fc.array(fc.tuple(tenantIds, fc.nat({ max: 3 }), fc.nat({ max: 40 })), { maxLength: 20 }), async (of, entries) => {
          const snapshots = create();
          const shards = Array.from({ length: of }, () => new Map<string, TenantCalendar>());
          for (const [tenantId, index, sends] of entries) {
            const shard = { index: index % of, of };
            shards[shard.index]!.set(tenantId, aCalendar(tenantId, shard, sends));
          }
          for (const [index, calendars] of shards.entries()) await snapshots.save({ index, of }, calendars);

          for (const tenantId of ['dealer:a', 'dealer:ab', 'dealer:b', 'brand:a', 'dealer:__proto__', 'dealer:constructor', 'dealer:上海', 'dealer:', 'a']) {
            const expected = shards.flatMap((calendars) => (calendars.has(tenantId) ? [calendars.get(tenantId)!] : []));
            const loaded = await snapshots.load(tenantId);
            const byShard = (calendars: TenantCalendar[]) => [...calendars].sort((x, y) => x.shard.index - y.shard.index);
            expect(byShard(loaded)).toEqual(byShard(expected));
          }
        }),
        { numRuns: name === 'memory' ? 40 : 15 },
      );
    });

    it(`${name}: reads a tenant's part past the first read, with a header longer than it`, async () => {
      const snapshots = create();
      const shard = { index: 0, of: splitOf(name, 1) };
      // 2,000 tenants: a header of about 60 KB plus the parts, well past the first read.
      const calendars = new Map(Array.from({ length: 2_000 }, (_, index) => [`dealer:dealer-${String(index).padStart(4, '0')}`, aCalendar(`dealer:dealer-${index}`, shard, index % 7)]));
      await snapshots.save(shard, calendars);

      for (const tenantId of ['dealer:dealer-0000', 'dealer:dealer-1999']) expect(await snapshots.load(tenantId)).toEqual([calendars.get(tenantId)]);
      expect(await snapshots.load('dealer:dealer-2000')).toEqual([]);
    });
  }

  it('s3: writes one object a shard whatever the tenants; a page reads ranges of it, the header once per version of the object', async () => {
    const snapshots = stores.s3!();
    const shard = { index: 3, of: 16 };
    const calendarsOf = (sends: number) => new Map(Array.from({ length: 3_000 }, (_, index) => [`dealer:d${index}`, aCalendar(`dealer:d${index}`, shard, sends)]));
    const rangesRead = () => bucket!.gets.splice(0).map(({ range }) => /^bytes=(\d+)-(\d+)$/.exec(range)!.slice(1).map(Number) as [number, number]);

    await snapshots.save(shard, calendarsOf(2));
    const [calendar] = await snapshots.load('dealer:d2999');

    expect(bucket!.s3.commandCalls(PutObjectCommand)).toHaveLength(1);
    expect([...bucket!.objects.keys()]).toEqual(['calendar/shards/3-of-16']);
    expect(calendar).toEqual(calendarsOf(2).get('dealer:d2999'));
    const size = bucket!.objects.get('calendar/shards/3-of-16')!.body.length;
    const first = rangesRead();
    // The start, the header's rest, then the tenant's part: a small share of the object, not the whole of it.
    expect(first).toHaveLength(3);
    expect(first[0]).toEqual([0, firstReadBytes - 1]);
    expect(first.reduce((sum, [start, end]) => sum + end - start + 1, 0)).toBeLessThan(size / 3);

    // Another tenant of the same version: its part only.
    expect(await snapshots.load('dealer:d1500')).toEqual([calendarsOf(2).get('dealer:d1500')]);
    expect(rangesRead()).toHaveLength(1);

    // The next night's object: its header is read again, not the kept one used.
    await snapshots.save(shard, calendarsOf(3));
    expect(await snapshots.load('dealer:d1500')).toEqual([calendarsOf(3).get('dealer:d1500')]);
    expect(rangesRead()).toHaveLength(3);
  });

  it('s3 by name: a page is GETs only, one a shard once the headers are kept, and still sees the next run\'s objects', async () => {
    const snapshots = stores['s3 by name']!();
    const of = byNameShards;
    // Few tenants: each part lies inside the header's first read, the case where a kept header alone would answer.
    const calendarsOf = (index: number, sends: number, tenants = 3) => new Map(Array.from({ length: tenants }, (_, tenant) => [`dealer:d${tenant}`, aCalendar(`dealer:d${tenant}`, { index, of }, sends)]));
    const saveAll = async (sends: number, tenants?: number) => {
      for (let index = 0; index < of; index++) await snapshots.save({ index, of }, calendarsOf(index, sends, tenants));
    };
    const expected = (tenant: string, sends: number, tenants?: number) => Array.from({ length: of }, (_, index) => calendarsOf(index, sends, tenants).get(tenant));
    const reads = () => bucket!.gets.splice(0).length;

    // Before the first run: no object, no calendar, no error.
    expect(await snapshots.load('dealer:d0')).toEqual([]);
    reads();

    await saveAll(2);
    expect(await snapshots.load('dealer:d0')).toEqual(expected('dealer:d0', 2));
    expect(reads()).toBe(of);
    // Headers kept: a GET a shard, the tenant's part by `If-Match`.
    expect(await snapshots.load('dealer:d1')).toEqual(expected('dealer:d1', 2));
    expect(reads()).toBe(of);
    expect(bucket!.s3.commandCalls(ListObjectsV2Command)).toHaveLength(0);

    // The next night: the kept headers' version fails its `If-Match`, the new one is read.
    await saveAll(5);
    expect(await snapshots.load('dealer:d1')).toEqual(expected('dealer:d1', 5));
    expect(bucket!.preconditionsFailed()).toBe(of);
    reads();

    // A tenant the kept headers do not name, new in a later run: found.
    await saveAll(1, 5);
    expect(await snapshots.load('dealer:d4')).toEqual(expected('dealer:d4', 1, 5));
    expect(bucket!.s3.commandCalls(ListObjectsV2Command)).toHaveLength(0);
  });

  it('s3: reads a shard object again when the next run replaces it between two reads, never mixing two versions', async () => {
    const snapshots = stores.s3!();
    const shard = { index: 0, of: 1 };
    // Parts of other sizes in the next run: bytes of the old object at the new offsets would not parse.
    const calendarsOf = (computedAt: string, sends: (index: number) => number) => new Map(Array.from({ length: 3_000 }, (_, index) => [`dealer:d${index}`, aCalendar(`dealer:d${index}`, shard, sends(index), computedAt)]));
    const next = calendarsOf('2026-03-11T02:00:00.000Z', (index) => (index % 5) + 2);
    await snapshots.save(shard, calendarsOf('2026-03-10T02:00:00.000Z', (index) => (index % 3) + 1));
    bucket!.beforeGet((count) => {
      if (count === 2) bucket!.store(calendarObjectName(shard), encodeShardObject(next));
    });

    const [calendar] = await snapshots.load('dealer:d2999');

    expect(calendar).toEqual(next.get('dealer:d2999'));
    expect(bucket!.preconditionsFailed()).toBe(1);
  });
});
