import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { createFolderPrintStore } from '../../shared/adapters/print/folder-print-store';
import { createS3PrintStore } from '../../shared/adapters/print/s3-print-store';

const aPdf = () => new TextEncoder().encode('%PDF-1.3\n%fake card\n');

describe('folder print store', () => {
  let folder: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'print-store-'));
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('writes the file under the folder, creating sub-folders from the key', async () => {
    const store = createFolderPrintStore(folder, { timeoutMs: 3_000 });

    const { location } = await store.storePrintFile('2026-03-14/birthday/c-0001.pdf', aPdf());

    expect(location).toBe(join(folder, '2026-03-14', 'birthday', 'c-0001.pdf'));
    expect(new Uint8Array(await readFile(location))).toEqual(aPdf());
  });

  it('overwrites the same file when the same key is stored again, leaving no partial files', async () => {
    const store = createFolderPrintStore(folder, { timeoutMs: 3_000 });
    await store.storePrintFile('run/c-0001.pdf', new TextEncoder().encode('first'));

    const { location } = await store.storePrintFile('run/c-0001.pdf', aPdf());

    expect(new Uint8Array(await readFile(location))).toEqual(aPdf());
    expect(await readdir(join(folder, 'run'))).toEqual(['c-0001.pdf']);
  });

  it.each(['../x', 'a/../../x', '/etc/x.pdf', 'a//b.pdf', './x.pdf', '', 'a\\..\\x'])('rejects the key %j that could leave the folder', async (key) => {
    const store = createFolderPrintStore(folder, { timeoutMs: 3_000 });

    await expect(store.storePrintFile(key, aPdf())).rejects.toThrow(/invalid print file key/);
    expect(await readdir(folder)).toEqual([]);
  });
  it('lists the files under a prefix as keys, and reads one back (none for a missing key)', async () => {
    const store = createFolderPrintStore(folder, { timeoutMs: 3_000 });
    await store.storePrintFile('2026-03-14/birthday/c-0001-card.pdf', aPdf());
    await store.storePrintFile('2026-03-14/welcome-pack/c-0002-letter.json', new TextEncoder().encode('{}'));
    await store.storePrintFile('2026-03-15/birthday/c-0003-card.pdf', aPdf());

    const keys = await store.listPrintFiles('2026-03-14/');

    expect(keys.sort()).toEqual(['2026-03-14/birthday/c-0001-card.pdf', '2026-03-14/welcome-pack/c-0002-letter.json']);
    expect(await store.listPrintFiles('2026-03-16/')).toEqual([]);
    expect(await store.readPrintFile('2026-03-14/birthday/c-0001-card.pdf')).toEqual(aPdf());
    expect(await store.readPrintFile('2026-03-14/birthday/none.pdf')).toBeUndefined();
  });

  it('creates a file only where none is, and replaces it only at the version read', async () => {
    const store = createFolderPrintStore(folder, { timeoutMs: 3_000 });
    const text = (value: string) => new TextEncoder().encode(value);
    const key = 'batches/2026-03-14/closed-pieces.json';

    const created = await store.replacePrintFile(key, text('first'), undefined);
    const createdAgain = await store.replacePrintFile(key, text('racer'), undefined);
    const read = (await store.readPrintFileVersion(key))!;
    const replaced = await store.replacePrintFile(key, text('second'), read.version);
    const stale = await store.replacePrintFile(key, text('stale'), read.version);

    expect([created, createdAgain, replaced, stale]).toEqual([true, false, true, false]);
    expect(new TextDecoder().decode(read.body)).toBe('first');
    expect(new TextDecoder().decode(await store.readPrintFile(key))).toBe('second');
    expect(await readdir(join(folder, 'batches', '2026-03-14'))).toEqual(['closed-pieces.json']);
  });

  it('lets one of many replaces at once from the same version through', async () => {
    const store = createFolderPrintStore(folder, { timeoutMs: 3_000 });
    const key = 'batches/2026-03-14/closed-pieces.json';
    await store.replacePrintFile(key, new TextEncoder().encode('first'), undefined);
    const { version } = (await store.readPrintFileVersion(key))!;

    const outcomes = await Promise.all(Array.from({ length: 8 }, (_, i) => store.replacePrintFile(key, new TextEncoder().encode(`writer ${i}`), version)));
    const creates = await Promise.all(Array.from({ length: 8 }, (_, i) => store.replacePrintFile('batches/2026-03-15/closed-pieces.json', new TextEncoder().encode(`creator ${i}`), undefined)));

    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(new TextDecoder().decode(await store.readPrintFile(key))).toBe(`writer ${outcomes.indexOf(true)}`);
    expect(creates.filter(Boolean)).toHaveLength(1);
    expect(await store.listPrintFiles('batches/')).toHaveLength(2);
  });
});

describe('S3 print store', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => {
    s3.reset();
  });

  it('puts the PDF into the bucket under the key as application/pdf', async () => {
    s3.on(PutObjectCommand).resolves({});
    const store = createS3PrintStore({ region: 'ap-east-1' }, 'print-house-drop');
    const pdf = aPdf();

    const { location } = await store.storePrintFile('2026-03-14/birthday/c-0001.pdf', pdf);

    expect(location).toBe('s3://print-house-drop/2026-03-14/birthday/c-0001.pdf');
    const calls = s3.commandCalls(PutObjectCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({
      Bucket: 'print-house-drop',
      Key: '2026-03-14/birthday/c-0001.pdf',
      Body: pdf,
      ContentType: 'application/pdf',
    });
  });

  it('types the manifest and the staged records by their extension', async () => {
    s3.on(PutObjectCommand).resolves({});
    const store = createS3PrintStore({ region: 'ap-east-1' }, 'print-house-drop');

    await store.storePrintFile('batches/2026-03-14/dealer-sh/manifest.csv', aPdf());
    await store.storePrintFile('2026-03-14/birthday/c-0001-card.json', aPdf());

    expect(s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input.ContentType)).toEqual(['text/csv; charset=utf-8', 'application/json']);
  });

  it('lists every page of keys under a prefix, and reads an object back (none for a missing key)', async () => {
    s3.on(ListObjectsV2Command, { Prefix: '2026-03-14/' }).resolvesOnce({ Contents: [{ Key: 'a.json' }], IsTruncated: true, NextContinuationToken: 't1' }).resolvesOnce({ Contents: [{ Key: 'b.json' }], IsTruncated: false });
    s3.on(GetObjectCommand, { Key: 'a.json' }).resolves({ Body: { transformToByteArray: async () => new TextEncoder().encode('{}') } } as never);
    s3.on(GetObjectCommand, { Key: 'none.json' }).rejects(new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} }));
    const store = createS3PrintStore({ region: 'ap-east-1' }, 'print-house-drop');

    expect(await store.listPrintFiles('2026-03-14/')).toEqual(['a.json', 'b.json']);
    expect(s3.commandCalls(ListObjectsV2Command)[1]!.args[0].input.ContinuationToken).toBe('t1');
    expect(new TextDecoder().decode(await store.readPrintFile('a.json'))).toBe('{}');
    expect(await store.readPrintFile('none.json')).toBeUndefined();
  });

  it('creates with If-None-Match, replaces with If-Match on the ETag read, and answers false on 412 PreconditionFailed', async () => {
    const key = 'batches/2026-03-14/closed-pieces.json';
    s3.on(GetObjectCommand, { Key: key }).resolves({ ETag: '"etag-1"', Body: { transformToByteArray: async () => new TextEncoder().encode('{}') } } as never);
    const preconditionFailed = new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: { httpStatusCode: 412 }, message: 'At least one of the pre-conditions you specified did not hold' });
    s3.on(PutObjectCommand, { IfNoneMatch: '*' }).rejects(preconditionFailed);
    s3.on(PutObjectCommand, { IfMatch: '"etag-1"' }).resolves({});
    const store = createS3PrintStore({ region: 'ap-east-1' }, 'print-house-drop');

    const read = await store.readPrintFileVersion(key);
    const created = await store.replacePrintFile(key, aPdf(), undefined);
    const replaced = await store.replacePrintFile(key, aPdf(), read!.version);

    expect(read!.version).toBe('"etag-1"');
    expect([created, replaced]).toEqual([false, true]);
    expect(s3.commandCalls(PutObjectCommand).map((call) => [call.args[0].input.IfNoneMatch, call.args[0].input.IfMatch])).toEqual([
      ['*', undefined],
      [undefined, '"etag-1"'],
    ]);
  });

  it('passes on an S3 error other than a lost condition from a conditional write', async () => {
    const throttled = new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'Reduce your request rate.' });
    s3.on(PutObjectCommand).rejects(throttled);
    const store = createS3PrintStore({ region: 'ap-east-1' }, 'print-house-drop');

    await expect(store.replacePrintFile('batches/2026-03-14/closed-pieces.json', aPdf(), '"etag-1"')).rejects.toBe(throttled);
  });

  it('passes S3 errors on unchanged so the caller can retry', async () => {
    const throttled = new S3ServiceException({ name: 'SlowDown', $fault: 'server', $metadata: { httpStatusCode: 503 }, message: 'Reduce your request rate.' });
    s3.on(PutObjectCommand).rejects(throttled);
    const store = createS3PrintStore({ region: 'ap-east-1' }, 'print-house-drop');

    await expect(store.storePrintFile('c-0001.pdf', aPdf())).rejects.toBe(throttled);
  });
});
