import { normalEmail } from '../domain/suppression';
import type { SesEvent } from '../domain/ses-event';
import { sendOfTag } from '../domain/send-tag';
import type { SendFeedback } from '../ports/ledger';
import type { SuppressionList } from '../ports/suppression';
import { dealerOfTag } from '../domain/send-tag';
import { countOutcome, type OutcomeCounting } from './count-outcome';

export interface SesFeedbackDeps {
  suppressions: SuppressionList;
  sendFeedback: SendFeedback;
  /** The console's outcome counters (bounces, complaints); none, nothing counted. */
  counting?: OutcomeCounting;
}

export type SesFeedbackResult =
  | { outcome: 'ignored'; reason: 'not-ours' | 'event-type' }
  | { outcome: 'recorded'; status: 'delivered' | 'soft-bounced' | 'bounced' | 'complained'; suppressed: number };

/**
 * Applies one SES event to the send it is about (found by the `send` tag) and the suppression
 * list: a permanent bounce or a complaint suppresses email to each address named, for every
 * category (SES and mailbox providers judge the sender by them); a transient bounce only records
 * itself; a delivery records itself. Events repeat (SNS delivers at least once): each write is
 * idempotent.
 */
export async function applySesFeedback(event: SesEvent, deps: SesFeedbackDeps): Promise<SesFeedbackResult> {
  const tag = event.mail.tags?.send?.[0];
  const send = tag === undefined ? undefined : sendOfTag(tag);
  if (!send) return { outcome: 'ignored', reason: 'not-ours' };
  const type = event.eventType ?? event.notificationType;

  // Counted only when the report was recorded: a repeated SNS delivery of it, or a lighter report
  // after a weightier one, records nothing and counts nothing. Emails sent before the `dealer` tag are not counted.
  const dealerTag = event.mail.tags?.dealer?.[0];
  const dealerId = dealerTag === undefined ? undefined : dealerOfTag(dealerTag);
  const count = async (outcome: 'bounced' | 'complained', at: string) => {
    if (dealerId) await countOutcome(deps.counting, { dealerId, day: new Date(at).toISOString().slice(0, 10), journeyId: send.journeyId, stepId: send.messageId, channel: 'email', outcome });
  };

  const suppress = async (reason: 'hard-bounce' | 'complaint', addresses: string[], at: string) => {
    for (const address of new Set(addresses.map(normalEmail))) {
      await deps.suppressions.suppress({ customerId: send.customerId, channel: 'email', scope: 'all', reason, address, source: 'ses-feedback', at });
    }
    return new Set(addresses.map(normalEmail)).size;
  };

  if (type === 'Bounce' && event.bounce) {
    const { bounce } = event;
    const detail = [bounce.bounceType, bounce.bounceSubType].filter(Boolean).join('/');
    if (bounce.bounceType !== 'Permanent') {
      await deps.sendFeedback.recordDelivery(send, { status: 'soft-bounced', at: bounce.timestamp, detail });
      return { outcome: 'recorded', status: 'soft-bounced', suppressed: 0 };
    }
    const suppressed = await suppress('hard-bounce', bounce.bouncedRecipients.map((recipient) => recipient.emailAddress), bounce.timestamp);
    if (await deps.sendFeedback.recordDelivery(send, { status: 'bounced', at: bounce.timestamp, detail })) await count('bounced', bounce.timestamp);
    return { outcome: 'recorded', status: 'bounced', suppressed };
  }
  if (type === 'Complaint' && event.complaint) {
    const { complaint } = event;
    const suppressed = await suppress('complaint', complaint.complainedRecipients.map((recipient) => recipient.emailAddress), complaint.timestamp);
    const recorded = await deps.sendFeedback.recordDelivery(send, { status: 'complained', at: complaint.timestamp, ...(complaint.complaintFeedbackType ? { detail: complaint.complaintFeedbackType } : {}) });
    if (recorded) await count('complained', complaint.timestamp);
    return { outcome: 'recorded', status: 'complained', suppressed };
  }
  if (type === 'Delivery' && event.delivery) {
    await deps.sendFeedback.recordDelivery(send, { status: 'delivered', at: event.delivery.timestamp });
    return { outcome: 'recorded', status: 'delivered', suppressed: 0 };
  }
  return { outcome: 'ignored', reason: 'event-type' };
}
