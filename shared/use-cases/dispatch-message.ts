import { canContact, type CustomerContext } from '../domain/customer';
import type { DispatchMessage } from '../domain/dispatch-message';
import { PermanentDeliveryError, TransientDeliveryError } from '../domain/errors';
import type { Template } from '../domain/journey/schema';
import { buildMessageContext, postalName } from '../domain/personalisation';
import { toE164 } from '../domain/phone';
import { renderMessage, type RenderedMessage } from '../domain/render';
import { assertNever } from '../domain/assert-never';
import type { EmailSender, SmsSender } from '../ports/channels';
import type { CustomerDirectory } from '../ports/customers';
import type { Ledger, SendOutcome, SendRef } from '../ports/ledger';
import type { PrintRenderer, PrintStore } from '../ports/print';

export interface DispatchDeps {
  templates: Map<string, Template>;
  customers: CustomerDirectory;
  ledger: Ledger;
  email: EmailSender;
  sms: SmsSender;
  printRenderer: PrintRenderer;
  printStore: PrintStore;
  leaseSeconds: number;
  clock: () => Date;
}

export type DispatchResult =
  | { outcome: 'sent'; channel: DispatchMessage['channel']; location?: string }
  | { outcome: 'skipped' | 'failed'; channel: DispatchMessage['channel']; reason: string }
  | { outcome: 'duplicate'; channel: DispatchMessage['channel'] };

/**
 * Sends one queued message exactly once: claims the send in the ledger, re-checks consent (an
 * opt-out since planning wins), renders the template and hands it to the channel. A permanent
 * failure is recorded and not retried; a transient one throws so SQS redelivers the message.
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

  const finish = async (outcome: Omit<SendOutcome, 'channel'>): Promise<void> =>
    ledger.recordSendOutcome(send, { ...outcome, channel: message.channel }, clock());

  const context = await deps.customers.getCustomerContext(message.customerId);
  if (!context) {
    await finish({ status: 'skipped', reason: 'customer-not-found' });
    return { outcome: 'skipped', channel: message.channel, reason: 'customer-not-found' };
  }
  if (!canContact(context.customer, message.channel)) {
    await finish({ status: 'skipped', reason: 'no-consent' });
    return { outcome: 'skipped', channel: message.channel, reason: 'no-consent' };
  }
  const template = deps.templates.get(message.template);
  if (!template || template.channel !== message.channel) {
    // Config is validated at start-up, so this is a deploy that removed a template mid-flight.
    await finish({ status: 'failed', reason: 'template-missing' });
    return { outcome: 'failed', channel: message.channel, reason: 'template-missing' };
  }

  try {
    const rendered = renderMessage(template, buildMessageContext(context, message.occurrenceDate));
    const receipt = await deliver(rendered, context, message, deps);
    await finish({ status: 'sent', providerMessageId: receipt.providerMessageId, location: receipt.location });
    return { outcome: 'sent', channel: message.channel, ...(receipt.location ? { location: receipt.location } : {}) };
  } catch (error) {
    if (error instanceof PermanentDeliveryError) {
      await finish({ status: 'failed', reason: error.message });
      return { outcome: 'failed', channel: message.channel, reason: error.message };
    }
    throw error;
  }
}

async function deliver(
  rendered: RenderedMessage,
  { customer, dealer }: CustomerContext,
  message: DispatchMessage,
  deps: DispatchDeps,
): Promise<{ providerMessageId: string; location?: string }> {
  const tags = { journey: message.journeyId, occurrence: message.occurrenceKey, message: message.messageId };
  switch (rendered.channel) {
    case 'email':
      return deps.email.sendEmail({ to: customer.email!, subject: rendered.subject, html: rendered.html, text: rendered.text, tags });
    case 'sms': {
      const to = toE164(customer.phone!);
      if (!to) throw new PermanentDeliveryError('phone number is not a valid mobile number');
      return deps.sms.sendSms({ to, text: rendered.text, tags });
    }
    case 'print': {
      const pdf = await deps.printRenderer.renderPrintPiece({
        design: rendered.design,
        locale: customer.locale,
        age: rendered.age,
        headline: rendered.headline,
        body: rendered.body,
        signoff: rendered.signoff,
        recipient: { name: postalName({ customer }), address: customer.postalAddress! },
        sender: { name: dealer.name, address: dealer.address },
      });
      // One file per occurrence and message: re-rendering after a crash overwrites, never adds.
      const key = `${message.occurrenceDate}/${message.journeyId}/${message.customerId}-${message.messageId}.pdf`;
      const stored = await deps.printStore.storePrintFile(key, pdf);
      return { providerMessageId: key, location: stored.location };
    }
    default:
      return assertNever(rendered);
  }
}
