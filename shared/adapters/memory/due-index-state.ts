import type { DueIndexState, DueIndexStateStore } from '../../ports/due-index';

/** The due index's state in memory, with the DynamoDB item's rule: each write is conditional on the version read. */
export function createMemoryDueIndexState(): DueIndexStateStore {
  let stored: DueIndexState | undefined;
  return {
    async read() {
      // Every field is a string or a number: a shallow copy is a deep one, and cheaper (read at every tick).
      return stored && { ...stored };
    },
    async write(next, expectedVersion) {
      if (stored?.version !== expectedVersion) return false;
      stored = { ...next };
      return true;
    },
  };
}
