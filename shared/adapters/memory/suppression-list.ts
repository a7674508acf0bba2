import { saidAfter, type Suppression } from '../../domain/suppression';
import type { SuppressionList } from '../../ports/suppression';

const idOf = (entry: Pick<Suppression, 'customerId' | 'channel' | 'scope' | 'reason'>) => [entry.customerId, entry.channel, entry.scope, entry.reason].join('#');

/** The suppression list in memory, with the DynamoDB store's rules: for use-case tests. */
export function createMemorySuppressionList(): SuppressionList {
  const entries = new Map<string, Suppression>();
  return {
    async suppress(entry) {
      if (!saidAfter(entry.at, entries.get(idOf(entry)))) return;
      const { liftedAt: _lifted, ...active } = entry;
      entries.set(idOf(entry), structuredClone(active));
    },
    async lift(customerId, channel, reason, at, source) {
      const ofReason = [...entries].filter(([, entry]) => entry.customerId === customerId && entry.channel === channel && entry.reason === reason);
      if (ofReason.length === 0) {
        const marker: Suppression = { customerId, channel, scope: 'all', reason, source, at, liftedAt: at };
        entries.set(idOf(marker), marker);
        return 0;
      }
      let lifted = 0;
      for (const [id, entry] of ofReason) {
        if (entry.liftedAt !== undefined || !saidAfter(at, entry)) continue;
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
