import type { Suppression } from '../../domain/suppression';
import type { SuppressionList } from '../../ports/suppression';

const idOf = (entry: Pick<Suppression, 'customerId' | 'channel' | 'scope' | 'reason'>) => [entry.customerId, entry.channel, entry.scope, entry.reason].join('#');

/** The suppression list in memory, with the DynamoDB store's rules: for use-case tests. */
export function createMemorySuppressionList(): SuppressionList {
  const entries = new Map<string, Suppression>();
  return {
    async suppress(entry) {
      entries.set(idOf(entry), structuredClone(entry));
    },
    async lift(customerId, channel, reason, at) {
      let lifted = 0;
      for (const [id, entry] of entries) {
        if (entry.customerId !== customerId || entry.channel !== channel || entry.reason !== reason || entry.liftedAt !== undefined) continue;
        entries.set(id, { ...entry, liftedAt: at });
        lifted += 1;
      }
      return lifted;
    },
    async listForCustomer(customerId) {
      return [...entries.values()].filter((entry) => entry.customerId === customerId).map((entry) => structuredClone(entry));
    },
  };
}
