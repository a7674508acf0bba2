import type { Task } from '../../domain/task';
import { signatureHeader, signWebhookPayload } from './signature';

/** A webhook request as it goes out: the exact body bytes that were signed, and the headers. */
export interface SignedRequest {
  body: string;
  headers: Record<string, string>;
}

/**
 * The task as the CRM receives it. `id` is the task id, the same on every retry, so a CRM that
 * saw it already can answer 2xx and ignore the copy (delivery is at least once).
 */
export function signedTaskRequest(task: Task, secrets: readonly string[], now: Date): SignedRequest {
  const body = JSON.stringify({ type: 'task.created', id: task.id, createdAt: task.createdAt, task });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'dealer-journeys-webhook/1',
      [signatureHeader]: signWebhookPayload(body, secrets, now),
    },
  };
}
