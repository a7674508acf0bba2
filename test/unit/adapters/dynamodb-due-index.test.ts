import { GetCommand, PutCommand } from '../../../shared/adapters/dynamodb/document-client';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { scanAll } from '../../../shared/adapters/dynamodb/scan-all';
import { customerFacts } from '../../../shared/domain/customer-facts';
import { generateDemoData } from '../../../local/demo-data';
import { dynamoItemBytes } from '../../../bench/item-bytes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoDueIndex } from '../../../shared/adapters/dynamodb/due-index';
import { dueEntryKey, dueIndexKey } from '../../../shared/adapters/dynamodb/keys';
import { pseudonym } from '../../../shared/logging';
import { aVehicle, aCustomerFacts, aVisit } from '../../helpers/factories';
import { freshEngineTable, startTestEngine } from '../../helpers/local-engine';

describe('DynamoDB due index on dynalite', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let tables = 0;
  const newIndex = async () => {
    const tableName = await freshEngineTable(engine, `due-index-${(tables += 1)}`);
    return { tableName, index: createDynamoDueIndex(engine.dynamo, tableName) };
  };
  beforeAll(async () => {
    engine = await startTestEngine();
  });
  afterAll(async () => {
    await engine?.cleanUp();
  });

  const ids = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
  const factsOf = (id: string) => aCustomerFacts({ id }, [aVehicle()], { visits: [aVisit({ on: '2025-09-01', vin: aVehicle().vin, odometerKm: 12_000 })], dealerCountry: 'CN' });

  it('reads back every customer filed under a date, over all shards, with their facts', async () => {
    const { index } = await newIndex();
    await index.fileCustomers([...ids.map((id) => ({ facts: factsOf(id), dueDate: '2026-03-14' })), { facts: factsOf('later'), dueDate: '2026-03-15' }], 'fp');

    const read = await index.readDue(['2026-03-14']);

    expect(read.skipped).toEqual([]);
    expect(read.due.map((entry) => entry.customer.id).sort()).toEqual(ids);
    expect(read.due[0]).toMatchObject({ dueDate: '2026-03-14', record: { vehicles: [aVehicle()] }, dealerCountry: 'CN', region: 'GB' });
    // Visits travel with the entry: the service-due and dormant kinds read them.
    expect(read.due[0]!.vehicles[0]!.odometerReadings).toEqual([{ on: '2025-09-01', km: 12_000 }]);
  });

  it('advances a customer to the next date, and leaves an entry rewritten meanwhile as it is', async () => {
    const { index } = await newIndex();
    await index.fileCustomers([{ facts: factsOf('a'), dueDate: '2026-03-14' }, { facts: factsOf('b'), dueDate: '2026-03-20' }], 'fp');

    await index.advance('a', '2026-03-14', '2027-03-14');
    await index.advance('b', '2026-03-14', '2027-03-14'); // stale: b was filed under another date since

    expect((await index.readDue(['2026-03-14'])).due).toEqual([]);
    expect((await index.readDue(['2027-03-14'])).due.map((entry) => entry.customer.id)).toEqual(['a']);
    expect((await index.readDue(['2026-03-20'])).due.map((entry) => entry.customer.id)).toEqual(['b']);
  });

  it('keeps the journeys due on the entry date with it, moves them with the entry, and drops them when moved without', async () => {
    const { index } = await newIndex();
    await index.fileCustomers([{ facts: factsOf('a'), dueDate: '2026-03-14', journeyIds: ['birthday', 'car-anniversary'] }, { facts: factsOf('b'), dueDate: '2026-03-14' }], 'fp');

    const filed = await index.readDue(['2026-03-14']);
    await index.advance('a', '2026-03-14', '2026-04-01', ['spring-festival']);
    const advanced = await index.readDue(['2026-04-01']);
    await index.advance('a', '2026-04-01', '2026-05-01');
    const withoutJourneys = await index.readDue(['2026-05-01']);

    expect(Object.fromEntries(filed.due.map((entry) => [entry.customer.id, entry.dueJourneys]))).toEqual({ a: ['birthday', 'car-anniversary'], b: undefined });
    expect(advanced.due[0]!.dueJourneys).toEqual(['spring-festival']);
    expect(withoutJourneys.due[0]).not.toHaveProperty('dueJourneys');
  });

  it('removes the entry of a customer no journey will ever be due for', async () => {
    const { index } = await newIndex();
    await index.fileCustomers([{ facts: factsOf('a'), dueDate: '2026-03-14' }], 'fp');

    await index.fileCustomers([{ facts: factsOf('a'), dueDate: undefined }], 'fp');

    expect((await index.readDue(['2026-03-14'])).due).toEqual([]);
  });

  it('stores the record packed in one attribute, a typical entry under 1 KB (one write unit), and reads it back whole', async () => {
    const { tableName, index } = await newIndex();
    const customers = generateDemoData(40).customers;
    await index.fileCustomers(customers.map((record) => ({ facts: customerFacts(record, 'CN'), dueDate: '2026-03-14' })), 'fp');

    const read = await index.readDue(['2026-03-14']);
    const { Item } = await engine.dynamo.send(new GetCommand({ TableName: tableName, Key: dueEntryKey(customers[0]!.customer.id) }));

    expect(Object.keys(Item!).sort()).toEqual(['GSI1PK', 'GSI1SK', 'PK', 'SK', 'dealerCountry', 'dueDate', 'fingerprint', 'record', 'type']);
    const sizes = (await scanAll(engine.dynamo, { TableName: tableName })).map((item) => dynamoItemBytes(marshall(item) as Record<string, AttributeValue>));
    expect(Math.max(...sizes)).toBeLessThan(1024);
    expect(new Map(read.due.map((entry) => [entry.customer.id, entry.record]))).toEqual(new Map(customers.map((record) => [record.customer.id, customerFacts(record).record])));
  });

  it('reads an entry filed before records were packed (its record as attributes) as the same customer as a packed one', async () => {
    const { tableName, index } = await newIndex();
    const record = generateDemoData(3).customers[2]!;
    await index.fileCustomers([{ facts: customerFacts(record, 'CN'), dueDate: '2026-03-14' }], 'fp');
    const packed = await index.readDue(['2026-03-14']);
    await engine.dynamo.send(new PutCommand({ TableName: tableName, Item: { ...dueEntryKey(record.customer.id), ...dueIndexKey('2026-03-14', record.customer.id), type: 'DueEntry', dueDate: '2026-03-14', fingerprint: 'fp', dealerCountry: 'CN', ...record } }));

    const unpacked = await index.readDue(['2026-03-14']);

    expect(unpacked).toEqual(packed);
    expect(packed.due).toHaveLength(1);
  });

  it('skips an entry whose packed record is of a packing it does not know, and reads the others', async () => {
    const { tableName, index } = await newIndex();
    await index.fileCustomers([{ facts: factsOf('good'), dueDate: '2026-03-14' }], 'fp');
    await engine.dynamo.send(new PutCommand({ TableName: tableName, Item: { ...dueEntryKey('later'), ...dueIndexKey('2026-03-14', 'later'), dueDate: '2026-03-14', record: Buffer.of(9, 1, 2).toString('base64') } }));

    const read = await index.readDue(['2026-03-14']);

    expect(read.due.map((entry) => entry.customer.id)).toEqual(['good']);
    expect(read.skipped).toEqual([{ record: pseudonym('later'), issues: [{ path: 'record', message: 'unknown record packing 9' }] }]);
  });

  it('skips and reports an entry that does not parse, and reads the others', async () => {
    const { tableName, index } = await newIndex();
    await index.fileCustomers([{ facts: factsOf('good'), dueDate: '2026-03-14' }], 'fp');
    await engine.dynamo.send(new PutCommand({ TableName: tableName, Item: { ...dueEntryKey('bad'), ...dueIndexKey('2026-03-14', 'bad'), dueDate: '2026-03-14', customer: { id: 'bad' }, vehicles: [] } }));

    const read = await index.readDue(['2026-03-14']);

    expect(read.due.map((entry) => entry.customer.id)).toEqual(['good']);
    expect(read.skipped).toEqual([expect.objectContaining({ record: pseudonym('bad') })]);
  });

  it('checks each profile on its own against the latest date read: a bad time zone or a birth date after it is skipped, by pseudonym only', async () => {
    const { tableName, index } = await newIndex();
    await index.fileCustomers([{ facts: factsOf('good'), dueDate: '2026-03-14' }], 'fp');
    const stored = (id: string, customer: Record<string, unknown>) =>
      engine.dynamo.send(new PutCommand({ TableName: tableName, Item: { ...dueEntryKey(id), ...dueIndexKey('2026-03-14', id), dueDate: '2026-03-14', customer: { ...factsOf(id).customer, ...customer }, vehicles: [] } }));
    await stored('mars', { timeZone: 'Mars/Olympus_Mons', email: 'mars at example' });
    await stored('unborn', { birthDate: '2026-03-15' });
    // Born today in Auckland: the 15th is read too, so the birth date is not in the future.
    await stored('newborn', { birthDate: '2026-03-15', id: 'newborn' });

    const onlyThe14th = await index.readDue(['2026-03-14']);
    const withThe15th = await index.readDue(['2026-03-14', '2026-03-15']);

    expect(onlyThe14th.due.map((entry) => entry.customer.id)).toEqual(['good']);
    expect(onlyThe14th.skipped.map((skipped) => skipped.record).sort()).toEqual([pseudonym('mars'), pseudonym('newborn'), pseudonym('unborn')].sort());
    expect(JSON.stringify(onlyThe14th.skipped)).not.toContain('mars at example');
    expect(withThe15th.due.map((entry) => entry.customer.id).sort()).toEqual(['good', 'newborn', 'unborn']);
  });
});
