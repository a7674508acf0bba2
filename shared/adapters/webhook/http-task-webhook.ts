import { PermanentDeliveryError, RetryLaterError, TransientDeliveryError } from '../../domain/errors';
import type { TaskWebhook, WebhookSecrets } from '../../ports/tasks';
import { signedTaskRequest } from './payload';

/** A dealer's CRM webhook is configured but no signing secret for the dealer is stored yet. */
export class WebhookSecretMissingError extends RetryLaterError {}

export interface HttpTaskWebhookOptions {
  secrets: WebhookSecrets;
  /** The whole request, connection included; a CRM that hangs must not hold the dispatch. */
  timeoutMs: number;
  clock?: () => Date;
  fetch?: typeof fetch;
}

// Answers that say "not now" rather than "never": the next attempt may pass.
const retryableStatus = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * Posts each task, signed, to the dealer's CRM. 2xx delivered; 408, 429, 5xx, timeouts and
 * dropped connections throw to be retried (SQS redelivers, the reconciler re-drives); any other
 * answer, a redirect included (never followed: the signed body goes only where the dealer
 * configured), is the CRM refusing the task and is recorded failed.
 */
export function createHttpTaskWebhook({ secrets, timeoutMs, clock = () => new Date(), fetch: send = fetch }: HttpTaskWebhookOptions): TaskWebhook {
  return {
    async deliverTask({ url, task }) {
      const active = await secrets.secretsFor(task.dealerId);
      if (active.length === 0) throw new WebhookSecretMissingError('the dealer has a CRM webhook but no signing secret is stored for it');
      const request = signedTaskRequest(task, active, clock());
      let response: Response;
      try {
        response = await send(url, { method: 'POST', headers: request.headers, body: request.body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        // A timeout, a refused or reset connection, a name that does not resolve: all may pass later.
        throw new TransientDeliveryError(`the CRM webhook did not answer (${(error as Error).name})`, { cause: error });
      }
      // The body is not needed; reading it frees the connection for reuse.
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { deliveryId: task.id };
      if (retryableStatus(response.status)) throw new TransientDeliveryError(`the CRM webhook answered HTTP ${response.status}`);
      throw new PermanentDeliveryError(`crm-webhook-rejected: HTTP ${response.status}`);
    },
  };
}
