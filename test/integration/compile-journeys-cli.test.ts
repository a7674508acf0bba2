import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCompiledJourneys } from '../../shared/config/compiled-journeys';

const compile = (args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/compile-journeys.ts', ...args], { encoding: 'utf8', env: { ...process.env, CI: 'true' } });

describe('scripts/compile-journeys.ts', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'compile-journeys-cli-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes the JSON a function loads from a valid folder', () => {
    const output = join(root, 'journeys.json');

    const result = compile(['journeys', output]);

    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`compiled to ${output}`);
    const loaded = readCompiledJourneys(JSON.parse(readFileSync(output, 'utf8')), output);
    expect(loaded.journeys.map((journey) => journey.id)).toContain('birthday');
  });

  it('prints the violations validate prints, exits 1 and writes nothing for a bad folder', async () => {
    const journeys = join(root, 'bad');
    await cp('journeys/templates', join(journeys, 'templates'), { recursive: true });
    await writeFile(join(journeys, 'birthday.yaml'), ['id: birthday', 'name: Birthday', 'enabeld: false', 'trigger: { type: birthday }', 'messages:', '  - { id: sms, channel: sms, template: birthday-sms }', ''].join('\n'));
    const output = join(root, 'bad.json');

    const result = compile([journeys, output]);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('birthday.yaml:3 enabeld: unknown key `enabeld`; did you mean `enabled`?');
    expect(existsSync(output)).toBe(false);
  });
});
