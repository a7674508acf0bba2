import type { SendingPause } from '../../domain/sending-pause';
import type { SendingPauses } from '../../ports/sending-pause';

/** Pause switches in memory, with the DynamoDB store's rules: for use-case tests. */
export function createMemorySendingPauses(): SendingPauses {
  const active = new Map<string, SendingPause>();
  return {
    async activePauses() {
      return [...active.values()].map((entry) => ({ ...entry }));
    },
    async pause(entry) {
      const id = `${entry.channel}#${entry.category}`;
      if (active.has(id)) return false;
      active.set(id, { ...entry });
      return true;
    },
    async resume(channel, category) {
      return active.delete(`${channel}#${category}`);
    },
  };
}
