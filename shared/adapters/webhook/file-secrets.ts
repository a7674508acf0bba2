import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { WebhookSecrets } from '../../ports/tasks';
import { parseSecretsDocument, type SecretsDocument } from './secrets-document';

/**
 * Local webhook signing secrets in a JSON file (`.local/webhook-secrets.json`): a dealer without
 * one is given a fresh random secret on first use, so the local outbox's signatures can be
 * checked against the file. Never used in AWS, where secrets live in Secrets Manager.
 */
export function createFileWebhookSecrets(path: string): WebhookSecrets {
  let pending: Promise<unknown> = Promise.resolve();

  async function load(): Promise<SecretsDocument> {
    try {
      return parseSecretsDocument(await readFile(path, 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  return {
    secretsFor(dealerId) {
      // One read-modify-write at a time, so two dealers' first tasks cannot lose a secret.
      const result = pending.then(async () => {
        const document = await load();
        const existing = document[dealerId];
        if (existing && existing.length > 0) return existing;
        const created = [`whsec_${randomBytes(24).toString('hex')}`];
        await mkdir(dirname(path), { recursive: true });
        await writeFile(path, `${JSON.stringify({ ...document, [dealerId]: created }, null, 2)}\n`, { mode: 0o600 });
        return created;
      });
      pending = result.catch(() => undefined);
      return result;
    },
  };
}
