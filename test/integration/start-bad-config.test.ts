import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = (script: string, args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', script, ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

describe('npm start with a bad journeys folder', () => {
  let root: string;
  let journeys: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'start-bad-config-'));
    journeys = join(root, 'journeys');
    await cp('journeys/templates', join(journeys, 'templates'), { recursive: true });
    await writeFile(
      join(journeys, 'birthday.yaml'),
      ['id: birthday', 'name: Birthday', 'enabeld: false', 'trigger:', '  type: birthday', '  sendAt: "23:30"', 'steps:', '  - id: sms', '    channel: sms', '    template: birthday-sms', ''].join('\n'),
    );
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('prints the list validate prints, exits 1 and starts nothing, without a stack trace', () => {
    const dataDir = join(root, 'state');

    const started = run('local/start.ts', ['--once', '--date', '2026-03-14', '--journeys', journeys, '--data-dir', dataDir]);
    const validated = run('scripts/validate-journeys.ts', [journeys]);

    expect(started.status).toBe(1);
    expect(started.stderr).toContain('journeys/birthday.yaml:3 enabeld: unknown key `enabeld`; did you mean `enabled`?');
    expect(started.stderr).toContain('journeys/birthday.yaml:6 trigger.sendAt: expected a whole hour');
    expect(validated.status).toBe(1);
    expect(started.stderr.startsWith(validated.stderr.trimEnd())).toBe(true);
    expect(started.stderr).not.toMatch(/^\s+at /m);
    expect(started.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  });
});
