import { describe, expect, it } from 'vitest';
import { runScript } from '../helpers/processes';

describe('npm run preview as a process', () => {
  it('exits 1 on an unknown journey id, listing the known ids on stderr', async () => {
    const { code, stdout, stderr } = await runScript('scripts/preview.ts', ['no-such-journey']);

    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Unknown journey "no-such-journey" in journeys\. Known journeys: .*birthday.*service-due/);
  });

  it('exits 2 on a date that does not exist, naming the option', async () => {
    const { code, stderr } = await runScript('scripts/preview.ts', ['birthday', '--date', '2026-02-30']);

    expect(code).toBe(2);
    expect(stderr).toContain('--date: expected a real date as YYYY-MM-DD, got "2026-02-30"');
  });
});
