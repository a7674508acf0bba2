import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SmsSender } from '../../ports/channels';

/**
 * The local SMS sink: one JSON line per message in an outbox file, so a developer can read what
 * would have been sent. Never used in AWS.
 */
export function createOutboxSmsSender(outboxPath: string, clock: () => Date = () => new Date()): SmsSender {
  let folderReady: Promise<unknown> | undefined;
  return {
    async sendSms(sms) {
      folderReady ??= mkdir(dirname(outboxPath), { recursive: true }).catch((error: unknown) => {
        folderReady = undefined; // let the next message try again rather than fail forever
        throw error;
      });
      await folderReady;
      const providerMessageId = `outbox-${randomUUID()}`;
      const line = JSON.stringify({ at: clock().toISOString(), messageId: providerMessageId, to: sms.to, text: sms.text, tags: sms.tags });
      await appendFile(outboxPath, `${line}\n`, 'utf8');
      return { providerMessageId };
    },
  };
}
