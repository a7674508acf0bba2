import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript } from '../helpers/processes';

describe('npm run pause / resume / sms-inbound', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'dealer-journeys-compliance-cli-'));
  });

  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('pauses promotional email, shows who paused it and why, and resumes it', async () => {
    const paused = await runScript('scripts/pause.ts', ['pause', '--reason', 'bounce-spike', '--data-dir', dataDir]);
    const status = await runScript('scripts/pause.ts', ['status', '--data-dir', dataDir]);
    const resumed = await runScript('scripts/pause.ts', ['resume', '--data-dir', dataDir]);

    expect([paused.code, status.code, resumed.code]).toEqual([0, 0, 0]);
    expect(paused.stdout).toContain('Paused promotional email');
    expect(status.stdout).toMatch(/promotional email: paused \S+ by npm run pause \(bounce-spike\)/);
    expect(resumed.stdout).toContain('Resumed promotional email');
  });

  it('feeds an inbound STOP to the feedback handler and keeps the local opt-out list', async () => {
    const stop = await runScript('scripts/sms-inbound.ts', ['--from', '+447911123456', '--text', 'STOP', '--data-dir', dataDir]);

    expect(stop.code).toBe(0);
    expect(stop.stdout).toContain('SMS stopped for +447911123456.');
    expect((await readFile(join(dataDir, 'sms-opt-outs.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line))).toMatchObject([{ action: 'opt-out', number: '+447911123456' }]);
  });
});
