import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/processes';

const runImport = (args: string[]) => runScript('scripts/import-customers.ts', args);

describe('npm run import -- examples/customers.jsonl', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-import-cli-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('imports the example into the local table kept in the data folder, with no servers running', async () => {
    const result = await runImport(['examples/customers.jsonl', '--data-dir', dataDir]);

    expect(result.stderr).not.toContain('Import failed');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Customers: 16 imported, 0 updated, 0 unchanged');
    expect(result.stdout).toContain('Dealers:   2 imported, 0 updated, 0 unchanged');
    expect(result.stdout).toContain('Brands:    2 imported, 0 updated, 0 unchanged');
    expect(result.stdout).toContain('Rejected:  0 lines');
  });

  it('changes nothing when the same file is imported again (the table persisted between runs)', async () => {
    const result = await runImport(['examples/customers.jsonl', '--data-dir', dataDir]);

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Customers: 0 imported, 0 updated, 16 unchanged');
  });

  it('exits 2 with the usage when no file is given', async () => {
    const result = await runImport(['--data-dir', dataDir]);

    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: npm run import');
  });
});
