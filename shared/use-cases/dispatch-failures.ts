import { CorruptItemError, PermanentDeliveryError, RetryLaterError } from '../domain/errors';
import { TemplateRenderError } from '../domain/render';

/** What to do with a failed dispatch: throw it on for SQS to retry, or record it failed with a reason. */
export type FailureVerdict = { retry: true } | { retry: false; reason: string };

/**
 * Sorts a dispatch failure into one that may succeed later and one that will fail the same way
 * every time. Reasons are stored on the send and shown by the API, so they name the problem and
 * never carry personal data (no customer id, address or text).
 *
 * Unknown errors are retried. An unknown error is either a transport failure an adapter did not
 * recognise (it may well pass next time) or a bug; retrying costs at most the queue's receive
 * limit, then the message sits in the dead-letter queue where someone looks, and the send stays
 * open for the ledger to re-drive or expire with a reason. Recording it `failed` instead would
 * drop a message that the next attempt might have delivered, and a failed send is never retried.
 */
export function classifyDispatchFailure(error: unknown): FailureVerdict {
  if (error instanceof RetryLaterError) return { retry: true };
  if (error instanceof PermanentDeliveryError) return { retry: false, reason: error.message };
  if (error instanceof TemplateRenderError) return { retry: false, reason: `template-render-error: ${firstLine(error.message)}` };
  // The adapter's message names the item's key, which holds the customer id: keep it out.
  if (error instanceof CorruptItemError) return { retry: false, reason: 'corrupt-record: a customer, vehicle or dealer record does not match its schema' };
  return { retry: true };
}

// Liquid's messages append the template source around the fault on further lines; the first
// line names the fault (e.g. "undefined variable: custmer") and is enough to find it.
function firstLine(message: string): string {
  return (message.split('\n', 1)[0] ?? '').slice(0, 200);
}
