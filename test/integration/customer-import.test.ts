import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueryCommand } from '../../shared/adapters/dynamodb/document-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeImportSample } from '../../scripts/import-sample';
import { drainQueue, evaluateDate } from '../../local/run-day';
import { createDynamoCustomerDirectory } from '../../shared/adapters/dynamodb/customer-directory';
import { attr, customerKey, vehicleKey } from '../../shared/adapters/dynamodb/keys';
import { importFile } from '../../shared/import/import-file';
import { aComplaint, aCustomer, aVehicle, aVisit } from '../helpers/factories';
import { startTestEngine, storedEmails } from '../helpers/local-engine';

const now = new Date('2026-03-01T12:00:00Z');

describe('customer import into the local table', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let folder: string;

  beforeAll(async () => {
    engine = await startTestEngine();
    folder = await mkdtemp(join(tmpdir(), 'dealer-journeys-import-'));
  });

  afterAll(async () => {
    await engine?.cleanUp();
    await rm(folder, { recursive: true, force: true });
  });

  it('imports 300 customers born on 14 March, rejects the 3 bad lines by number, and all 300 are greeted on the day', async () => {
    const path = join(folder, 'sample.jsonl');
    const sample = await writeImportSample(path, 300, '03-14');
    const into = { client: engine.dynamo, tableName: engine.tableName, now };

    const first = await importFile(path, into);
    const again = await importFile(path, into);

    expect(first.customers).toEqual({ imported: 300, updated: 0, unchanged: 0 });
    expect(first.dealers).toEqual({ imported: 1, updated: 0, unchanged: 0 });
    expect(first.rejected.map((rejected) => [rejected.line, rejected.issues[0]!.path])).toEqual([
      [sample.rejectedLines[0], '(line)'],
      [sample.rejectedLines[1], 'customer.birthDate'],
      [sample.rejectedLines[2], 'customer.dealerId'],
    ]);
    expect(again.customers).toEqual({ imported: 0, updated: 0, unchanged: 300 });
    expect(again.dealers).toEqual({ imported: 0, updated: 0, unchanged: 1 });

    const summaries = await evaluateDate(engine.handlers.evaluate, '2026-03-14');
    const drained = await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);

    expect(summaries.every((summary) => summary.skippedRecords === 0)).toBe(true);
    expect(drained.failed).toBe(0);
    const recipients = new Set((await storedEmails(engine)).flatMap((email) => email.destination.to));
    expect(recipients).toEqual(new Set(sample.customerIds.map((id) => `${id}@example.com`)));
  }, 180_000); // 300 greetings through the real handlers: slow on a busy 2-core machine

  it('updates a changed customer and replaces their vehicles, leaving the others unchanged', async () => {
    const path = join(folder, 'change.jsonl');
    const [keep, sell] = [aVehicle({ vin: 'WBA11AA010CH00010' }), aVehicle({ vin: 'WBA11AA010CH00011' })];
    const write = (firstName: string, vehicles: unknown[]) =>
      writeFile(path, [
        JSON.stringify({ dealer: { id: 'dealer-sh', name: 'Pudong', timeZone: 'Asia/Shanghai', phone: '+86 21 5555 0100', email: 'sh@example.com', address: { lines: ['1 Road'], postcode: '200120', city: 'Shanghai', country: 'CN' } } }),
        JSON.stringify({ customer: aCustomer({ id: 'changer', firstName }), vehicles }),
        JSON.stringify({ customer: aCustomer({ id: 'stayer' }) }),
      ].join('\n'));
    const into = { client: engine.dynamo, tableName: engine.tableName, now };
    await write('Ann', [keep, sell]);
    await importFile(path, into);

    await write('Anne', [keep]);
    const summary = await importFile(path, into);

    expect(summary.customers).toEqual({ imported: 0, updated: 1, unchanged: 1 });
    const stored = await engine.dynamo.send(
      new QueryCommand({
        TableName: engine.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': attr.pk },
        ExpressionAttributeValues: { ':pk': customerKey('changer').PK },
      }),
    );
    expect(stored.Items?.map((item) => item[attr.sk]).sort()).toEqual([customerKey('changer').SK, vehicleKey('changer', keep.vin).SK]);
    expect(stored.Items?.find((item) => item[attr.sk] === customerKey('changer').SK)?.firstName).toBe('Anne');
  });

  it('imports visits, complaints and odometer readings, reads them back as the context, and a re-import writes nothing', async () => {
    const path = join(folder, 'history.jsonl');
    const car = aVehicle({ vin: 'WBA11AA010CH00020', fuel: 'phev', odometerReadings: [{ on: '2025-01-05', km: 9_000 }], maintenancePlan: { endsOn: '2026-04-20', endsAtKm: 60_000 } });
    const record = {
      customer: aCustomer({ id: 'historian', region: 'AU-VIC', loyalty: { points: 3_000, tier: 'silver' }, interests: ['family'] }),
      vehicles: [car],
      visits: [aVisit({ on: '2025-08-01', vin: car.vin, odometerKm: 14_000 }), aVisit({ on: '2024-02-01', vin: car.vin, odometerKm: 2_000 })],
      complaints: [aComplaint({ reference: 'AU-77' })],
    };
    await writeFile(path, `${JSON.stringify({ dealer: { id: 'dealer-sh', name: 'Pudong', timeZone: 'Asia/Shanghai', phone: '+86 21 5555 0100', email: 'sh@example.com', address: { lines: ['1 Road'], postcode: '200120', city: 'Shanghai', country: 'CN' } } })}\n${JSON.stringify(record)}\n`);
    const into = { client: engine.dynamo, tableName: engine.tableName, now };

    const first = await importFile(path, into);
    const again = await importFile(path, into);
    const context = await createDynamoCustomerDirectory(engine.dynamo, engine.tableName).getCustomerContext('historian');

    expect(first.rejected).toEqual([]);
    expect(again.customers).toEqual({ imported: 0, updated: 0, unchanged: 1 });
    expect(context).toMatchObject({ customer: record.customer, vehicles: [car], visits: [record.visits[1], record.visits[0]], complaints: record.complaints });
  });
});
