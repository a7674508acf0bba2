/**
 * In-memory stand-ins for the ports, for unit tests of the use cases only. Integration tests use
 * the real local servers instead.
 */
import type { CustomerContext } from '../../shared/domain/customer';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import type { DispatchQueue, EmailSender, OutgoingEmail, OutgoingSms, SmsSender } from '../../shared/ports/channels';
import type { CustomerDirectory } from '../../shared/ports/customers';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import type { PrintPiece, PrintRenderer, PrintStore } from '../../shared/ports/print';
import type { TaskDelivery, TaskStore, TaskWebhook } from '../../shared/ports/tasks';
import { createMemoryTaskStore } from '../../shared/adapters/memory/task-store';

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

/** The in-memory ledger (same rules as the DynamoDB one: the contract tests run both). */
export const fakeLedger = createMemoryLedger;

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
  tasks: TaskStore;
  taskWebhook: TaskWebhook & { delivered: TaskDelivery[] };
} {
  const delivered: TaskDelivery[] = [];
  const emails: OutgoingEmail[] = [];
  const texts: OutgoingSms[] = [];
  const pieces: PrintPiece[] = [];
  const keys: string[] = [];
  return {
    email: { sent: emails, sendEmail: async (email) => (emails.push(email), { providerMessageId: `email-${emails.length}` }) },
    sms: { sent: texts, sendSms: async (sms) => (texts.push(sms), { providerMessageId: `sms-${texts.length}` }) },
    printRenderer: { pieces, renderPrintPiece: async (piece) => (pieces.push(piece), new Uint8Array([37, 80, 68, 70])) },
    printStore: { keys, storePrintFile: async (key) => (keys.push(key), { location: `/print/${key}` }) },
    tasks: createMemoryTaskStore(),
    taskWebhook: { delivered, deliverTask: async (delivery) => (delivered.push(delivery), { deliveryId: delivery.task.id }) },
  };
}
