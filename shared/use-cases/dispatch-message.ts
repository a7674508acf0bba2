import { canContact, type CustomerContext } from '../domain/customer';
import type { DispatchMessage } from '../domain/dispatch-message';
import { EngineError, PermanentDeliveryError, TransientDeliveryError } from '../domain/errors';
import type { Template } from '../domain/journey/schema';
import { buildMessageContext } from '../domain/personalisation';
import { toE164 } from '../domain/phone';
import { renderMessage, type RenderedMessage } from '../domain/render';
import { SMS_MAX_SEGMENTS, smsLength } from '../domain/sms';
import { assertNever } from '../domain/assert-never';
import type { EmailSender, SmsSender } from '../ports/channels';
import type { BrandDirectory, CustomerDirectory } from '../ports/customers';
import { chooseSender, type JourneySender, type SenderChoice, type SenderIdentity } from '../domain/brand';
import type { Ledger, SendOutcome, SendRef } from '../ports/ledger';
import type { PrintRenderer, PrintStore } from '../ports/print';
import type { TaskStore, TaskWebhook } from '../ports/tasks';
import { taskOf } from '../domain/task';
import { classifyDispatchFailure } from './dispatch-failures';
import { deliverPrint } from './deliver-print';
import { recordOutcomeWithRetry, type RecordOutcomeOptions } from './record-outcome';
import { suppressionVerdict } from '../domain/policies/suppression';
import { pausedVerdict } from '../domain/policies/paused';
import type { SendingPauses } from '../ports/sending-pause';
import type { UnsubscribeLinks } from './unsubscribe';
import { sendTagOf } from '../domain/send-tag';

export interface DispatchDeps {
  templates: Map<string, Template>;
  customers: CustomerDirectory;
  /**
   * Who each journey sends as, by journey id (from the journey config); a journey not listed is
   * sent by the dealer. Brand-sent journeys read the dealer's brand from `brands`.
   */
  journeySenders?: ReadonlyMap<string, JourneySender>;
  /** Brands, read only for the messages of brand-sent journeys. */
  brands?: BrandDirectory;
  ledger: Ledger;
  email: EmailSender;
  sms: SmsSender;
  printRenderer: PrintRenderer;
  printStore: PrintStore;
  tasks: TaskStore;
  /** Posts tasks to dealers' CRMs (those with a `crmWebhookUrl`). */
  taskWebhook: TaskWebhook;
  leaseSeconds: number;
  clock: () => Date;
  /** The pause switches (promotional email paused on an SES reputation alarm); read briefly cached. */
  pauses?: Pick<SendingPauses, 'activePauses'>;
  /**
   * Signed one-click unsubscribe links for email (the body's `unsubscribeUrl`, and the
   * List-Unsubscribe headers on promotional mail); without it emails carry neither.
   */
  unsubscribeLinks?: UnsubscribeLinks;
  /** Retries of the outcome write (policy, pause, a hook to log each retry); sensible defaults. */
  outcomeWrites?: RecordOutcomeOptions;
}

export type DispatchResult =
  | { outcome: 'sent'; channel: DispatchMessage['channel']; location?: string; segments?: number }
  | { outcome: 'skipped' | 'failed'; channel: DispatchMessage['channel']; reason: string }
  | { outcome: 'duplicate'; channel: DispatchMessage['channel'] };

type Attempt =
  | { status: 'sent'; providerMessageId: string; location?: string; segments?: number }
  | { status: 'skipped' | 'failed'; reason: string };

/**
 * Sends one queued message: claims the send in the ledger, re-checks consent (an opt-out since
 * planning wins), renders the template and hands it to the channel, then records the outcome.
 *
 * A failure that will repeat (a template that cannot render, a corrupt record, an invalid phone,
 * a card that cannot be printed whole, a provider's rejection) is recorded `failed` with a reason
 * at once. Only what may succeed later throws, so SQS redelivers the message; see
 * {@link classifyDispatchFailure}.
 *
 * At least once at the provider boundary: if the outcome cannot be recorded after the provider
 * accepted (retried with backoff first), the send stays `sending` and is sent again once its
 * lease ends.
 */
export async function dispatchMessage(message: DispatchMessage, deps: DispatchDeps): Promise<DispatchResult> {
  const { ledger, clock, leaseSeconds } = deps;
  const send: SendRef = {
    customerId: message.customerId,
    journeyId: message.journeyId,
    occurrenceKey: message.occurrenceKey,
    messageId: message.messageId,
  };
  const claim = await ledger.claimSend(send, message.channel, clock(), leaseSeconds);
  if (claim.outcome === 'finished') return { outcome: 'duplicate', channel: message.channel };
  if (claim.outcome === 'in-progress') {
    throw new TransientDeliveryError('another attempt holds this send; retry after its lease');
  }

  let attempt: Attempt;
  try {
    attempt = await attemptSend(message, deps);
  } catch (error) {
    const verdict = classifyDispatchFailure(error);
    if (verdict.retry) throw error;
    attempt = { status: 'failed', reason: verdict.reason };
  }
  await recordOutcomeWithRetry(ledger, send, outcomeOf(attempt, message.channel), clock, deps.outcomeWrites);
  const { channel } = message;
  if (attempt.status !== 'sent') return { outcome: attempt.status, channel, reason: attempt.reason };
  return {
    outcome: 'sent',
    channel,
    ...(attempt.location ? { location: attempt.location } : {}),
    ...(attempt.segments !== undefined ? { segments: attempt.segments } : {}),
  };
}

function outcomeOf(attempt: Attempt, channel: DispatchMessage['channel']): SendOutcome {
  if (attempt.status !== 'sent') return { status: attempt.status, channel, reason: attempt.reason };
  return { status: 'sent', channel, providerMessageId: attempt.providerMessageId, location: attempt.location };
}

async function attemptSend(message: DispatchMessage, deps: DispatchDeps): Promise<Attempt> {
  const context = await deps.customers.getCustomerContext(message.customerId);
  if (!context) return { status: 'skipped', reason: 'customer-not-found' };
  if (!canContact(context.customer, message.channel)) return { status: 'skipped', reason: 'no-consent' };
  // Until the policy chain lands these two sit beside consent: an opt-out since planning wins.
  const suppression = suppressionVerdict(message, context.customer, context.suppressions ?? []);
  if (!suppression.send) return { status: 'skipped', reason: suppression.reason };
  const paused = deps.pauses ? pausedVerdict(message, await deps.pauses.activePauses()) : { send: true as const };
  if (!paused.send) return { status: 'skipped', reason: paused.reason };
  const template = deps.templates.get(message.template);
  // Config is validated at start-up, so this is a deploy that removed a template mid-flight.
  if (!template || template.channel !== message.channel) return { status: 'failed', reason: 'template-missing' };
  const sender = await senderOf(message.journeyId, context, deps);
  // Repeats every time until a brand is given to the dealer: recorded failed, with the reason.
  if (!sender.ok) return { status: 'failed', reason: sender.reason };
  const unsubscribeUrl =
    message.channel === 'email' && deps.unsubscribeLinks
      ? await deps.unsubscribeLinks.urlFor({ customerId: message.customerId, channel: 'email', category: message.category ?? 'promotional' })
      : undefined;
  const rendered = renderMessage(template, buildMessageContext(context, message.occurrenceDate, message.facts, sender.sender, unsubscribeUrl));
  return { status: 'sent', ...(await deliver(rendered, context, sender.sender, message, deps, unsubscribeUrl)) };
}

async function senderOf(journeyId: string, { dealer }: CustomerContext, deps: DispatchDeps): Promise<SenderChoice> {
  const journeySender = deps.journeySenders?.get(journeyId) ?? 'dealer';
  if (journeySender === 'dealer' || dealer.brandId === undefined) return chooseSender(journeySender, dealer, undefined);
  // Composition gives brand-sent journeys a brand directory; a wiring without one is a deploy fault.
  if (!deps.brands) throw new EngineError('a brand-sent journey is dispatched without a brand directory');
  return chooseSender(journeySender, dealer, await deps.brands.getBrand(dealer.brandId));
}

async function deliver(
  rendered: RenderedMessage,
  context: CustomerContext,
  sender: SenderIdentity,
  message: DispatchMessage,
  deps: DispatchDeps,
  unsubscribeUrl: string | undefined,
): Promise<{ providerMessageId: string; location?: string; segments?: number }> {
  const { customer, dealer } = context;
  const tags = { journey: message.journeyId, occurrence: message.occurrenceKey, message: message.messageId };
  switch (rendered.channel) {
    case 'email':
      return deps.email.sendEmail({
        to: customer.email!,
        // The dealer's mail goes from the configured address (dealers have no verified senders);
        // a brand's customer centre sends From its own.
        ...(sender.kind === 'brand' ? { from: sender.email } : {}),
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
        // `send` lets SES feedback (bounce, complaint, delivery) find this send and its customer.
        tags: { ...tags, send: sendTagOf(message) },
        // RFC 8058 one-click: mailbox providers show their own unsubscribe button and POST to it.
        ...(unsubscribeUrl && (message.category ?? 'promotional') === 'promotional'
          ? { headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } }
          : {}),
      });
    case 'sms': {
      const to = toE164(customer.phone!);
      if (!to) throw new PermanentDeliveryError('phone number is not a valid mobile number');
      // Known before sending: carriers bill per segment, and a runaway template must not send a wall of text.
      const { encoding, segments } = smsLength(rendered.text);
      if (segments > SMS_MAX_SEGMENTS) {
        throw new PermanentDeliveryError(`SMS text needs ${segments} ${encoding} segments, over the cap of ${SMS_MAX_SEGMENTS}`);
      }
      const receipt = await deps.sms.sendSms({ to, text: rendered.text, tags: { ...tags, segments: String(segments) } });
      return { ...receipt, segments };
    }
    case 'print':
      return deliverPrint(rendered, context, sender, message, deps);
    case 'task': {
      // The task item first: it is what the API lists, and it exists even when the CRM is down.
      // Written once (a redelivery finds it); the CRM may get the POST more than once and
      // deduplicates on the task id it carries.
      const task = taskOf(message, rendered, dealer.id, deps.clock());
      await deps.tasks.createTask(task);
      if (dealer.crmWebhookUrl) await deps.taskWebhook.deliverTask({ url: dealer.crmWebhookUrl, task });
      return { providerMessageId: task.id, ...(dealer.crmWebhookUrl ? { location: 'crm-webhook' } : {}) };
    }
    default:
      return assertNever(rendered);
  }
}
