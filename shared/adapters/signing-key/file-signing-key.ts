import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SigningKey } from '../../ports/unsubscribe';

/**
 * A local signing key in a file (`.local/unsubscribe-key`), generated on first use: links in the
 * saved local mails keep working across runs of the same data folder. Never used in AWS.
 */
export function createFileSigningKey(path: string): SigningKey {
  let key: Promise<string> | undefined;
  async function loadOrCreate(): Promise<string> {
    try {
      const stored = (await readFile(path, 'utf8')).trim();
      if (stored.length >= 32) return stored;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    const created = randomBytes(32).toString('hex');
    await mkdir(dirname(path), { recursive: true });
    // `wx` would race with another process creating it; the last writer wins and both read it back.
    await writeFile(path, `${created}\n`, { mode: 0o600 });
    return (await readFile(path, 'utf8')).trim();
  }
  return {
    signingKey() {
      key ??= loadOrCreate().catch((error: unknown) => {
        key = undefined;
        throw error;
      });
      return key;
    },
  };
}
