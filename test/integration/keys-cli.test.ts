import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/processes';

const runKeys = (args: string[]) => runScript('scripts/keys.ts', args);

describe('npm run keys', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-keys-cli-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('creates a dealer and a brand key shown once, lists them without the secret, and revokes one', async () => {
    const dealer = await runKeys(['create', '--dealer', 'dealer-sh', '--data-dir', dataDir]);
    const brand = await runKeys(['create', '--brand', 'bmw-cn', '--data-dir', dataDir]);
    const key = /^(djk_([0-9a-f]{16})_\S+)$/m.exec(dealer.stdout);
    const revoked = await runKeys(['revoke', key![2]!, '--data-dir', dataDir]);
    const listed = await runKeys(['list', '--data-dir', dataDir]);

    expect([dealer.code, brand.code, revoked.code, listed.code]).toEqual([0, 0, 0, 0]);
    expect(listed.stdout).toMatch(new RegExp(`${key![2]}\\s+dealer:dealer-sh\\s+created \\S+\\s+revoked `));
    expect(listed.stdout).toMatch(/brand:bmw-cn\s+created \S+$/m);
    expect(listed.stdout).not.toContain(key![1]);
  });

  it('exits 2 with the usage for create without a tenant, and 1 revoking an unknown key', async () => {
    const noTenant = await runKeys(['create', '--data-dir', dataDir]);
    const unknown = await runKeys(['revoke', '0000000000000000', '--data-dir', dataDir]);

    expect(noTenant.code).toBe(2);
    expect(noTenant.stderr).toContain('Usage: npm run keys');
    expect(unknown.code).toBe(1);
  });
});
