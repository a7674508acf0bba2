import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { GetObjectCommand, ListObjectsV2Command, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createFolderPrintStore } from '../../shared/adapters/print/folder-print-store';
import { createS3PrintStore } from '../../shared/adapters/print/s3-print-store';
import { createPdfPrintRenderer } from '../../shared/adapters/print/pdf-print-renderer';
import type { CustomerContext } from '../../shared/domain/customer';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import { Template } from '../../shared/domain/journey/schema';
import type { PrintArchive } from '../../shared/ports/print';
import { closePrintBatches } from '../../shared/use-cases/close-print-batches';
import { ClosedPieces, closedPiecesOf, takeClosedPieces } from '../../shared/domain/print-batch';
import { dispatchMessage, type DispatchDeps } from '../../shared/use-cases/dispatch-message';
import { parseCsv } from '../helpers/csv';
import { aBrand, aCustomerContext, aDealer } from '../helpers/factories';
import { fakeDirectory, recordingChannels } from '../helpers/fakes';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import { inspectPdf } from '../helpers/inspect-pdf';

const FONT = fileURLToPath(new URL('../../journeys/assets/fonts/NotoSansSC-Regular.ttf', import.meta.url));
const renderer = createPdfPrintRenderer(FONT, { now: () => new Date('2026-03-14T00:00:00Z') });
const day = '2026-03-14';
const noon = new Date('2026-03-14T12:00:00Z');

const card = (locale: 'en' | 'zh-CN') =>
  Template.parse({ channel: 'print', design: 'birthday-candles', locales: { [locale]: { headline: 'Happy birthday', body: 'From all of us', signoff: '{{ sender.name }}' }, en: { headline: 'Happy birthday', body: 'From all of us', signoff: '{{ sender.name }}' } } });
const templates = new Map([
  ['birthday-card', card('zh-CN')],
  ['welcome-card', card('en')],
]);

const ofBrand = aDealer({ brandId: 'brand-cn' });
const customers: CustomerContext[] = [
  // A comma and a quote in the address: the manifest must quote them.
  { ...aCustomerContext({ id: 'c-0001', postalAddress: { lines: ['Flat 2, "The Mews"', '1 High Street'], postcode: 'SW1A 1AA', city: 'London', country: 'GB' } }), dealer: ofBrand },
  {
    ...aCustomerContext({ id: 'c-0002', locale: 'zh-CN', firstName: '伟', lastName: '王', salutation: 'mr', postalAddress: { lines: ['世纪大道100号'], postcode: '200122', city: '上海市', country: 'CN' } }),
    dealer: ofBrand,
  },
  // A blank postcode: not printed, reported.
  { ...aCustomerContext({ id: 'c-0003', postalAddress: { lines: ['3 Low Road'], postcode: '  ', city: 'Leeds', country: 'GB' } }), dealer: ofBrand },
  { ...aCustomerContext({ id: 'c-0004', firstName: 'Bo' }), dealer: ofBrand },
];

const aCard = (customerId: string, overrides: Partial<DispatchMessage> = {}): DispatchMessage => ({
  version: 1,
  journeyId: 'birthday',
  occurrenceKey: '2026/card',
  occurrenceDate: '2026-03-17',
  sendDate: day,
  customerId,
  messageId: 'card',
  channel: 'print',
  template: 'birthday-card',
  ...overrides,
});
const welcome = (customerId: string) => aCard(customerId, { journeyId: 'welcome-pack', occurrenceKey: 'VIN1', occurrenceDate: day, sendDate: undefined, messageId: 'letter', template: 'welcome-card' });

describe('print batches', () => {
  let folder: string;
  let archive: PrintArchive;
  let ledger: ReturnType<typeof createMemoryLedger>;
  let deps: DispatchDeps;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'print-batch-'));
    archive = createFolderPrintStore(folder, { timeoutMs: 5_000 });
    ledger = createMemoryLedger();
    deps = {
      ...recordingChannels(),
      templates,
      customers: fakeDirectory(customers),
      ledger,
      printRenderer: renderer,
      printStore: archive,
      journeySenders: new Map([['welcome-pack', 'brand' as const]]),
      brands: { getBrand: async (id: string) => (id === 'brand-cn' ? aBrand() : undefined) },
      leaseSeconds: 90,
      clock: () => noon,
      outcomeWrites: { sleep: async () => {} },
    };
  });
  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const close = () => closePrintBatches(day, { archive, renderer, ledger });
  const read = async (location: string) => new Uint8Array(await readFile(location));

  it('fails a piece without a complete address at dispatch with the missing parts, and prints nothing for it', async () => {
    const result = await dispatchMessage(aCard('c-0003'), deps);

    expect(result).toEqual({ outcome: 'failed', channel: 'print', reason: 'incomplete-address: no postcode' });
    expect(await archive.listPrintFiles(`${day}/`)).toEqual([]);
    expect(await archive.listPrintFiles(`staged/${day}/`)).toEqual([`staged/${day}/birthday/c-0003-card.json`]);
  });

  it('puts every sent piece of the day in one PDF per sender with one manifest row per piece, in the same order', async () => {
    for (const id of ['c-0004', 'c-0002', 'c-0003', 'c-0001']) await dispatchMessage(aCard(id), deps);
    await dispatchMessage(welcome('c-0001'), deps);

    const summary = await close();

    expect(summary.batches.map((batch) => [batch.sender, batch.pieces])).toEqual([
      ['brand-brand-cn', 1],
      ['dealer-dealer-sh', 3],
    ]);
    const dealer = summary.batches[1]!;
    const rows = parseCsv(new TextDecoder().decode(await read(dealer.manifest!)).replace(/^\uFEFF/, ''));
    const [header, ...pieces] = rows;
    const column = (name: string) => header!.indexOf(name);
    const pdf = await read(dealer.pdf!);
    const pages = (await inspectPdf(pdf)).pages;
    // One row per piece and one piece per row: as many rows as pages, each page the row's recipient.
    expect(pieces).toHaveLength(3);
    expect(pages).toBe(3);
    expect(pieces.map((row) => row[column('piece_id')])).toEqual([`${day}/birthday/c-0001-card`, `${day}/birthday/c-0002-card`, `${day}/birthday/c-0004-card`]);
    for (const [index, row] of pieces.entries()) {
      expect(row[column('first_page')]).toBe(String(index + 1));
      const { text } = await inspectPdf(pdf, index + 1);
      expect(text.replaceAll(' ', '')).toContain(row[column('name')]!.replaceAll(' ', ''));
      expect(text).toContain(row[column('city')]);
    }
    expect(pieces[0]!.slice(column('address_line_1'), column('address_line_2') + 1)).toEqual(['Flat 2, "The Mews"', '1 High Street']);
    expect(pieces[1]![column('name')]).toBe('王伟 先生');
    expect(pieces[1]![column('city')]).toBe('上海市');
    expect(pieces[0]![column('journey')]).toBe('birthday');
    expect(pieces[0]![column('template')]).toBe('birthday-card');
  });

  it('lists the pieces left out in the report: an incomplete address, and a piece staged but not recorded sent', async () => {
    await dispatchMessage(aCard('c-0001'), deps);
    await dispatchMessage(aCard('c-0003'), deps);
    // An attempt that stored its piece, then died before `sent` was recorded.
    await dispatchMessage(aCard('c-0004'), { ...deps, ledger: createMemoryLedger() });

    const [batch] = (await close()).batches;

    expect(batch!.pieces).toBe(1);
    expect(batch!.leftOut).toEqual([
      { pieceId: `${day}/birthday/c-0003-card`, reason: 'incomplete-address: no postcode' },
      { pieceId: `${day}/birthday/c-0004-card`, reason: 'not-sent: no send recorded' },
    ]);
    expect(JSON.parse(new TextDecoder().decode(await read(batch!.report)))).toMatchObject({ pieces: 1, leftOut: batch!.leftOut });
  });

  it('gives the same files, byte for byte, when the day is closed again', async () => {
    for (const id of ['c-0001', 'c-0002', 'c-0003']) await dispatchMessage(aCard(id), deps);
    const first = (await close()).batches[0]!;
    const files = async () => Promise.all([first.pdf!, first.manifest!, first.report].map(read));
    const before = await files();

    const second = (await close()).batches[0]!;

    expect(second).toEqual(first);
    expect(await files()).toEqual(before);
  });

  it("puts a piece sent after its day closed into the next close's batch, once, its manifest row matching its page", async () => {
    const dayBefore = '2026-03-13';
    const closeDay = (date: string) => closePrintBatches(date, { archive, renderer, ledger });
    await dispatchMessage(aCard('c-0002', { sendDate: dayBefore }), deps);
    await closeDay(dayBefore);
    // Re-driven after its day closed: the reconciler, or a send that was held.
    await dispatchMessage(aCard('c-0001', { sendDate: dayBefore }), deps);
    await dispatchMessage(aCard('c-0004'), deps);

    const next = (await close()).batches[0]!;
    const dayBeforeAgain = (await closeDay(dayBefore)).batches[0]!;
    const dayAfter = await closeDay('2026-03-15');

    const rows = parseCsv(new TextDecoder().decode(await read(next.manifest!)).replace(/^\uFEFF/, ''));
    const pieceIds = rows.slice(1).map((row) => row[rows[0]!.indexOf('piece_id')]);
    expect(pieceIds).toEqual([`${dayBefore}/birthday/c-0001-card`, `${day}/birthday/c-0004-card`]);
    expect((await inspectPdf(await read(next.pdf!))).pages).toBe(2);
    expect((await inspectPdf(await read(next.pdf!), 1)).text).toContain('London');
    expect(next).toMatchObject({ pieces: 2, late: 1 });
    expect(JSON.parse(new TextDecoder().decode(await read(next.report)))).toMatchObject({ late: [`${dayBefore}/birthday/c-0001-card`] });
    expect(dayBeforeAgain).toMatchObject({ pieces: 1, late: 0 });
    expect(dayAfter.batches).toEqual([]);
  });

  it('gives a late piece to one of two closes run at once, never to both', async () => {
    const dayBefore = '2026-03-13';
    await dispatchMessage(aCard('c-0002', { sendDate: dayBefore }), deps);
    await closePrintBatches(dayBefore, { archive, renderer, ledger });
    await dispatchMessage(aCard('c-0001', { sendDate: dayBefore }), deps);
    await dispatchMessage(aCard('c-0004'), deps);
    // Each close's first write of a closed-pieces file waits for the other's: both read before either took anything.
    const bothRead = barrier(2);
    const racing: PrintArchive = {
      ...archive,
      storePrintFile: async (key, body) => (key.endsWith('closed-pieces.json') && (await bothRead()), archive.storePrintFile(key, body)),
      replacePrintFile: async (key, body, version) => (await bothRead(), archive.replacePrintFile(key, body, version)),
    };

    const [today, tomorrow] = await Promise.all([day, '2026-03-15'].map((date) => closePrintBatches(date, { archive: racing, renderer, ledger })));

    // Which close prints today's own piece is a race too (the next day's may take it late): each piece is printed once.
    const printed: string[] = [];
    for (const batch of [...today.batches, ...tomorrow.batches].filter((batch) => batch.manifest)) {
      const rows = parseCsv(new TextDecoder().decode(await read(batch.manifest!)).replace(/^\uFEFF/, ''));
      printed.push(...rows.slice(1).map((row) => row[rows[0]!.indexOf('piece_id')]!));
    }
    expect(printed.sort()).toEqual([`${dayBefore}/birthday/c-0001-card`, `${day}/birthday/c-0004-card`]);
  });

  it('leaves a late piece to the close that took it first, re-reading after S3 answers 412 PreconditionFailed', async () => {
    const dayBefore = '2026-03-13';
    const bucket = fakeBucket();
    onTestFinished(() => bucket.restore());
    const s3Archive = createS3PrintStore({ region: 'ap-east-1' }, 'print-house-drop');
    const onS3 = { ...deps, printStore: s3Archive };
    await dispatchMessage(aCard('c-0002', { sendDate: dayBefore }), onS3);
    await closePrintBatches(dayBefore, { archive: s3Archive, renderer, ledger });
    await dispatchMessage(aCard('c-0001', { sendDate: dayBefore }), onS3);
    await dispatchMessage(aCard('c-0004'), onS3);
    // The next day's close takes the late piece between this close's read and its write.
    bucket.beforeNextWrite(`batches/${dayBefore}/closed-pieces.json`, {
      date: dayBefore,
      pieces: [
        { pieceId: `${dayBefore}/birthday/c-0001-card`, closedOn: '2026-03-15' },
        { pieceId: `${dayBefore}/birthday/c-0002-card`, closedOn: dayBefore },
      ],
    });

    const summary = await closePrintBatches(day, { archive: s3Archive, renderer, ledger });

    expect(bucket.preconditionsFailed()).toBe(1);
    expect(summary.batches.map((batch) => [batch.sender, batch.pieces, batch.late])).toEqual([['dealer-dealer-sh', 1, 0]]);
    const rows = parseCsv(new TextDecoder().decode(bucket.body(`batches/${day}/dealer-dealer-sh/manifest.csv`)).replace(/^\uFEFF/, ''));
    expect(rows.slice(1).map((row) => row[rows[0]!.indexOf('piece_id')])).toEqual([`${day}/birthday/c-0004-card`]);
  });

  it('counts a staged record that does not parse and still closes the others', async () => {
    await dispatchMessage(aCard('c-0001'), deps);
    await archive.storePrintFile(`staged/${day}/birthday/c-0009-card.json`, new TextEncoder().encode('{"status": "printable"'));

    const summary = await close();

    expect(summary.unreadable).toBe(1);
    expect(summary.batches[0]!.pieces).toBe(1);
  });
});

describe('closed pieces', () => {
  it('reads a file written before closes took pieces on their own day (bare ids) as taken by that day\'s close', () => {
    const file = ClosedPieces.parse({ date: '2026-03-14', pieces: ['2026-03-13/birthday/c-0001-card', { pieceId: '2026-03-14/birthday/c-0002-card', closedOn: '2026-03-15' }] });

    expect(closedPiecesOf(file)).toEqual([
      { pieceId: '2026-03-13/birthday/c-0001-card', closedOn: '2026-03-14' },
      { pieceId: '2026-03-14/birthday/c-0002-card', closedOn: '2026-03-15' },
    ]);
  });

  it('takes only what no other close took, keeps the others\' pieces, and gives up what it took before and wants no more', () => {
    const file = [
      { pieceId: 'a', closedOn: '2026-03-15' },
      { pieceId: 'b', closedOn: '2026-03-14' },
    ];

    const { pieces, taken } = takeClosedPieces(file, '2026-03-14', ['c', 'a', 'c']);

    expect(taken).toEqual(['c']);
    expect(pieces).toEqual([
      { pieceId: 'a', closedOn: '2026-03-15' },
      { pieceId: 'c', closedOn: '2026-03-14' },
    ]);
  });
});

/** A promise each of `parties` callers waits on until all have called; later callers pass at once. */
function barrier(parties: number): () => Promise<void> {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return () => {
    arrived += 1;
    if (arrived >= parties) open();
    return opened;
  };
}

/**
 * A bucket behind the S3 client mock: objects with ETags, and conditional puts answered as S3
 * does (412 PreconditionFailed). `beforeNextWrite` lets another writer replace a key just before
 * the next conditional put of it, as a close running at the same time would.
 */
function fakeBucket() {
  const s3 = mockClient(S3Client);
  const objects = new Map<string, { body: Uint8Array; etag: string }>();
  let writes = 0;
  let failed = 0;
  let pending: { key: string; body: Uint8Array } | undefined;
  const store = (key: string, body: Uint8Array) => objects.set(key, { body, etag: `"${(writes += 1)}"` });
  s3.on(ListObjectsV2Command).callsFake((input: { Prefix: string }) => ({ Contents: [...objects.keys()].filter((key) => key.startsWith(input.Prefix)).map((Key) => ({ Key })), IsTruncated: false }));
  s3.on(GetObjectCommand).callsFake((input: { Key: string }) => {
    const object = objects.get(input.Key);
    if (!object) throw new NoSuchKey({ message: 'The specified key does not exist.', $metadata: {} });
    return { ETag: object.etag, Body: { transformToByteArray: async () => object.body } };
  });
  s3.on(PutObjectCommand).callsFake((input: { Key: string; Body: Uint8Array; IfNoneMatch?: string; IfMatch?: string }) => {
    if (pending?.key === input.Key && (input.IfNoneMatch || input.IfMatch)) {
      store(pending.key, pending.body);
      pending = undefined;
    }
    const current = objects.get(input.Key);
    if ((input.IfNoneMatch === '*' && current) || (input.IfMatch !== undefined && current?.etag !== input.IfMatch)) {
      failed += 1;
      throw new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: { httpStatusCode: 412 }, message: 'At least one of the pre-conditions you specified did not hold' });
    }
    store(input.Key, input.Body);
    return {};
  });
  return {
    beforeNextWrite: (key: string, json: unknown) => (pending = { key, body: new TextEncoder().encode(`${JSON.stringify(json)}\n`) }),
    preconditionsFailed: () => failed,
    body: (key: string) => objects.get(key)!.body,
    restore: () => s3.restore(),
  };
}
