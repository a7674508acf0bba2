import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packRecord } from '../../shared/adapters/dynamodb/due-entry-record';
import type { CustomerRecord } from '../../shared/domain/customer';
import { runScript } from '../helpers/processes';

const runDueEntry = (args: string[]) => runScript('scripts/due-entry.ts', args);

describe('npm run due-entry', () => {
  let dataDir: string;
  // The first example customer with a car: the entry carries the cars the import stored.
  let firstCustomer: { customer: { id: string; firstName: string }; vehicles: { vin: string }[] };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-due-entry-cli-'));
    const imported = await runScript('scripts/import-customers.ts', ['examples/customers.jsonl', '--data-dir', dataDir]);
    expect(imported.code).toBe(0);
    const lines = (await readFile('examples/customers.jsonl', 'utf8')).split('\n').filter((line) => line.includes('"customer"') && line.includes('"vehicles"'));
    firstCustomer = JSON.parse(lines[0]!) as typeof firstCustomer;
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it("shows an imported customer's entry with its packed record read back as the import wrote it", async () => {
    const result = await runDueEntry([firstCustomer.customer.id, '--data-dir', dataDir]);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const entry = JSON.parse(result.stdout) as { dueDate: string; journeys?: string[]; fingerprint: string; record: { customer: { id: string; firstName: string }; vehicles: unknown[] } };
    expect(entry.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(entry.fingerprint).toMatch(/^[0-9a-f]{16}$/);
    expect(entry.record.customer).toMatchObject({ id: firstCustomer.customer.id, firstName: firstCustomer.customer.firstName });
    expect(entry.record.vehicles.map((vehicle) => (vehicle as { vin: string }).vin)).toEqual(firstCustomer.vehicles.map((vehicle) => vehicle.vin));
  });

  it('exits 1 for a customer with no entry, and 2 with the usage given neither an id nor --packed', async () => {
    const unknown = await runDueEntry(['no-such-customer', '--data-dir', dataDir]);
    const neither = await runDueEntry(['--data-dir', dataDir]);

    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No due entry for customer no-such-customer');
    expect(neither.code).toBe(2);
    expect(neither.stderr).toContain('Usage: npm run due-entry');
  });

  it('unpacks a record attribute given as text, and exits 2 on one of an unknown packing', async () => {
    const record = { customer: { id: 'c-1', firstName: 'Mei' }, vehicles: [], visits: [], complaints: [] } as unknown as CustomerRecord;
    const unpacked = await runDueEntry(['--packed', packRecord(record)]);
    const unknownPacking = await runDueEntry(['--packed', Buffer.of(9, 1, 2).toString('base64')]);

    expect(unpacked.code).toBe(0);
    expect(JSON.parse(unpacked.stdout)).toEqual(record);
    expect(unknownPacking.code).toBe(2);
    expect(unknownPacking.stderr).toContain('unknown record packing 9');
  });
});
