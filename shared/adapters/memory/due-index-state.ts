import type { DueIndexState, DueIndexStateStore } from '../../ports/due-index';

/** The due index's state in memory, with the DynamoDB item's rule: each write is conditional on the version read. */
export function createMemoryDueIndexState(): DueIndexStateStore {
  let stored: DueIndexState | undefined;
  return {
    async read() {
      return stored && structuredClone(stored);
    },
    async write(next, expectedVersion) {
      if (stored?.version !== expectedVersion) return false;
      stored = structuredClone(next);
      return true;
    },
  };
}
