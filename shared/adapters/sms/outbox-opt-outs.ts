import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SmsOptOutRegistry } from '../../ports/suppression';
import { withTimeout } from '../with-timeout';

/**
 * Locally there is no provider opt-out list: each change is appended as a JSON line
 * (`.local/sms-opt-outs.jsonl`), so a developer sees what would have been sent to AWS.
 */
export function createOutboxOptOuts(path: string, { timeoutMs }: { timeoutMs: number }): SmsOptOutRegistry {
  const write = async (action: 'opt-out' | 'opt-in', number: string) => {
    await withTimeout(`writing ${path}`, timeoutMs, async () => {
      await mkdir(dirname(path), { recursive: true });
      await appendFile(path, `${JSON.stringify({ action, number, at: new Date().toISOString() })}\n`);
    });
  };
  return { optOut: (e164) => write('opt-out', e164), optIn: (e164) => write('opt-in', e164) };
}
