import { dispatchMessageId } from '../../domain/dispatch-message';
import type { HeldMessage, MessageSchedule } from '../../ports/message-schedule';

/** Held messages in memory, with the DynamoDB store's rules: for use-case tests and `simulate`. */
export function createMemoryMessageSchedule(): MessageSchedule & { all(): HeldMessage[] } {
  const bySend = new Map<string, HeldMessage>();
  return {
    all: () => [...bySend.values()].map((entry) => structuredClone(entry)),
    async hold(entry) {
      bySend.set(dispatchMessageId(entry.message), structuredClone(entry));
    },
    async cancel(send) {
      return bySend.delete(dispatchMessageId(send));
    },
    async listDue(until, limit) {
      const entries = [...bySend.values()]
        .filter((entry) => Date.parse(entry.dueAt) <= until.getTime())
        .sort((a, b) => a.dueAt.localeCompare(b.dueAt) || dispatchMessageId(a.message).localeCompare(dispatchMessageId(b.message)))
        .slice(0, limit)
        .map((entry) => structuredClone(entry));
      return { entries, unreadable: 0 };
    },
    async release(send, dueAt) {
      const id = dispatchMessageId(send);
      if (bySend.get(id)?.dueAt !== dueAt) return false;
      return bySend.delete(id);
    },
    async listForCustomer(customerId) {
      const entries = [...bySend.values()].filter((entry) => entry.message.customerId === customerId).map((entry) => structuredClone(entry));
      return { entries, unreadable: 0 };
    },
  };
}
