/**
 * In-memory stand-ins for the ports, for unit tests of the use cases only. Integration tests use
 * the real local servers instead.
 */
import type { CustomerContext } from '../../shared/domain/customer';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { DispatchQueue, EmailSender, OutgoingEmail, OutgoingSms, SmsSender } from '../../shared/ports/channels';
import type { CustomerDirectory } from '../../shared/ports/customers';
import type { Ledger, OccurrenceClaim, SendClaim, SendOutcome, SendRecord, SendRef } from '../../shared/ports/ledger';
import type { PrintPiece, PrintRenderer, PrintStore } from '../../shared/ports/print';

export function fakeDirectory(contexts: CustomerContext[]): CustomerDirectory & { monthDaysAsked: string[][] } {
  const monthDaysAsked: string[][] = [];
  return {
    monthDaysAsked,
    async findByBirthdayMonthDays(monthDays) {
      monthDaysAsked.push(monthDays);
      const customers = contexts.map((context) => context.customer).filter((customer) => monthDays.includes(customer.birthDate?.slice(5) ?? ''));
      return { customers, skipped: [] };
    },
    async getCustomerContext(customerId) {
      return contexts.find((context) => context.customer.id === customerId);
    },
  };
}

const sendId = (send: SendRef) => `${send.customerId}#${send.journeyId}#${send.occurrenceKey}#${send.messageId}`;

export function fakeLedger(): Ledger & {
  occurrences: Map<string, 'claimed' | 'queued'>;
  sends: Map<string, { status: string; leaseUntil?: number; outcome?: SendOutcome }>;
} {
  const occurrences = new Map<string, 'claimed' | 'queued'>();
  const sends = new Map<string, { status: string; leaseUntil?: number; outcome?: SendOutcome }>();
  const occurrenceId = (occurrence: DueOccurrence) => `${occurrence.customerId}#${occurrence.journeyId}#${occurrence.occurrenceKey}`;
  return {
    occurrences,
    sends,
    async claimOccurrence(occurrence): Promise<OccurrenceClaim> {
      const existing = occurrences.get(occurrenceId(occurrence));
      if (!existing) {
        occurrences.set(occurrenceId(occurrence), 'claimed');
        return 'new';
      }
      return existing === 'queued' ? 'done' : 'resume';
    },
    async markOccurrenceQueued(occurrence) {
      occurrences.set(occurrenceId(occurrence), 'queued');
    },
    async claimSend(send, _channel, now, leaseSeconds): Promise<SendClaim> {
      const existing = sends.get(sendId(send));
      const leaseExpired = existing?.status === 'sending' && (existing.leaseUntil ?? 0) < now.getTime();
      if (!existing || leaseExpired) {
        sends.set(sendId(send), { status: 'sending', leaseUntil: now.getTime() + leaseSeconds * 1000 });
        return { outcome: 'claimed' };
      }
      if (existing.status === 'sending') return { outcome: 'in-progress' };
      return { outcome: 'finished', status: existing.status as 'sent' | 'skipped' | 'failed' };
    },
    async recordSendOutcome(send, outcome) {
      sends.set(sendId(send), { status: outcome.status, outcome });
    },
    async listSends(): Promise<SendRecord[]> {
      return [];
    },
  };
}

export function fakeQueue(): DispatchQueue & { messages: DispatchMessage[] } {
  const messages: DispatchMessage[] = [];
  return {
    messages,
    async enqueue(batch) {
      messages.push(...batch);
    },
  };
}

export function recordingChannels(): {
  email: EmailSender & { sent: OutgoingEmail[] };
  sms: SmsSender & { sent: OutgoingSms[] };
  printRenderer: PrintRenderer & { pieces: PrintPiece[] };
  printStore: PrintStore & { keys: string[] };
} {
  const emails: OutgoingEmail[] = [];
  const texts: OutgoingSms[] = [];
  const pieces: PrintPiece[] = [];
  const keys: string[] = [];
  return {
    email: { sent: emails, sendEmail: async (email) => (emails.push(email), { providerMessageId: `email-${emails.length}` }) },
    sms: { sent: texts, sendSms: async (sms) => (texts.push(sms), { providerMessageId: `sms-${texts.length}` }) },
    printRenderer: { pieces, renderPrintPiece: async (piece) => (pieces.push(piece), new Uint8Array([37, 80, 68, 70])) },
    printStore: { keys, storePrintFile: async (key) => (keys.push(key), { location: `/print/${key}` }) },
  };
}
