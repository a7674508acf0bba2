import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { SmsSender } from '../../ports/channels';
import { withTimeout } from '../with-timeout';

export interface OutboxSmsSenderOptions {
  /** A write that takes longer fails as transient, so a stuck disk cannot hold the dispatcher. */
  timeoutMs: number;
  clock?: () => Date;
}

/**
 * The local SMS sink: one JSON line per message in an outbox file, so a developer can read what
 * would have been sent. Never used in AWS.
 */
export function createOutboxSmsSender(outboxPath: string, { timeoutMs, clock = () => new Date() }: OutboxSmsSenderOptions): SmsSender {
  let folderReady: Promise<unknown> | undefined;
  return {
    async sendSms(sms) {
      return withTimeout('writing the SMS outbox', timeoutMs, async () => {
        folderReady ??= mkdir(dirname(outboxPath), { recursive: true }).catch((error: unknown) => {
          folderReady = undefined; // let the next message try again rather than fail forever
          throw error;
        });
        await folderReady;
        const providerMessageId = `outbox-${randomUUID()}`;
        const line = JSON.stringify({ at: clock().toISOString(), messageId: providerMessageId, to: sms.to, text: sms.text, tags: sms.tags });
        await appendFile(outboxPath, `${line}\n`, 'utf8');
        return { providerMessageId };
      });
    },
  };
}
