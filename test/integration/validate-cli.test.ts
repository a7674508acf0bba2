import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const validate = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validate-journeys.ts', ...args], { encoding: 'utf8' });

describe('npm run validate', () => {
  it('accepts the shipped journeys', () => {
    const result = validate();

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('journeys: 1 journeys and 3 templates are valid.');
  });

  it('names the file, line and field of each problem and exits 1', () => {
    const result = validate('test/fixtures/broken-journeys');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('broken-journeys/birthday.yaml:5 trigger.leapDay: Invalid option: expected one of "feb28"|"mar1"');
  });
});
