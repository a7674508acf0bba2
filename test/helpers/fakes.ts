/**
 * In-memory stand-ins for the ports, for unit tests of the use cases only. Integration tests use
 * the real local servers instead.
 */
import type { CustomerContext } from '../../shared/domain/customer';
import { customerFacts } from '../../shared/domain/customer-facts';
import type { IsoDate } from '../../shared/domain/dates';
import type { Journey } from '../../shared/domain/journey/schema';
import { createMemoryDueIndex } from '../../shared/adapters/memory/due-index';
import { fileDueDates } from '../../shared/use-cases/file-due-dates';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import type { DispatchQueue, EmailSender, OutgoingEmail, OutgoingSms, SmsSender } from '../../shared/ports/channels';
import type { CustomerDirectory } from '../../shared/ports/customers';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import type { PrintPiece, PrintRenderer, PrintStore } from '../../shared/ports/print';
import type { TaskDelivery, TaskStore, TaskWebhook } from '../../shared/ports/tasks';
import { createMemoryTaskStore } from '../../shared/adapters/memory/task-store';

export function fakeDirectory(contexts: CustomerContext[]): CustomerDirectory {
  return {
    async getCustomerContext(customerId) {
      return contexts.find((context) => context.customer.id === customerId);
    },
  };
}

/**
 * The in-memory due index with these customers filed, as an import does, under their next due
 * date with `journeys` from the local date `from` on (the earliest date a test evaluates).
 */
export async function filedDueIndex(contexts: CustomerContext[], journeys: readonly Journey[], from: IsoDate): Promise<ReturnType<typeof createMemoryDueIndex>> {
  const dueIndex = createMemoryDueIndex();
  await fileDueDates(contexts.map(({ dealer, ...record }) => customerFacts(record, dealer.address.country)), journeys, from, dueIndex);
  return dueIndex;
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
