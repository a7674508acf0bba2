import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TaskWebhook, WebhookSecrets } from '../../ports/tasks';
import { withTimeout } from '../with-timeout';
import { signedTaskRequest } from './payload';

export interface OutboxTaskWebhookOptions {
  secrets: WebhookSecrets;
  timeoutMs: number;
  clock?: () => Date;
}

/**
 * The local CRM webhook: one JSON line per task in an outbox file, with the URL it would go to,
 * the headers (signature included) and the exact body, so a developer can check a receiver's
 * signature code against it. Never used in AWS.
 */
export function createOutboxTaskWebhook(outboxPath: string, { secrets, timeoutMs, clock = () => new Date() }: OutboxTaskWebhookOptions): TaskWebhook {
  return {
    async deliverTask({ url, task }) {
      const active = await secrets.secretsFor(task.dealerId);
      const at = clock();
      const request = signedTaskRequest(task, active, at);
      return withTimeout('writing the task outbox', timeoutMs, async () => {
        await mkdir(dirname(outboxPath), { recursive: true });
        await appendFile(outboxPath, `${JSON.stringify({ at: at.toISOString(), url, headers: request.headers, body: request.body })}\n`, 'utf8');
        return { deliveryId: task.id };
      });
    },
  };
}
