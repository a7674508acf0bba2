import type { WaitingOccurrence, WaitingOccurrences } from '../../ports/waiting-occurrences';

const keyOf = (customerId: string, journeyId: string, occurrenceKey: string) => `${customerId}#${journeyId}#${occurrenceKey}`;

/** Waiting occurrences in memory, stored as copies (as the table would); `all` for tests. */
export function createMemoryWaitingOccurrences(): WaitingOccurrences & { all(): WaitingOccurrence[] } {
  const entries = new Map<string, WaitingOccurrence>();
  return {
    async wait(entry) {
      entries.set(keyOf(entry.customerId, entry.journeyId, entry.occurrence.key), structuredClone(entry));
    },
    async listFor(customerId) {
      return { entries: [...entries.values()].filter((entry) => entry.customerId === customerId).map((entry) => structuredClone(entry)), unreadable: 0 };
    },
    async remove({ customerId, journeyId, occurrenceKey }) {
      entries.delete(keyOf(customerId, journeyId, occurrenceKey));
    },
    all: () => [...entries.values()].map((entry) => structuredClone(entry)),
  };
}
