import { saidAfter, type Suppression } from '../../domain/suppression';
import type { SuppressionList } from '../../ports/suppression';

const idOf = (entry: Pick<Suppression, 'channel' | 'scope' | 'reason'>) => [entry.channel, entry.scope, entry.reason].join('#');

/**
 * The suppression list in memory, with the DynamoDB store's rules: for use-case tests and
 * `simulate`. Kept by customer, as the table keeps them under the customer's key: every send
 * reads its customer's entries, and a read costs what it finds, not the whole list.
 */
export function createMemorySuppressionList(): SuppressionList {
  const byCustomer = new Map<string, Map<string, Suppression>>();
  const entriesOf = (customerId: string) => {
    let entries = byCustomer.get(customerId);
    if (!entries) byCustomer.set(customerId, (entries = new Map()));
    return entries;
  };
  return {
    async suppress(entry) {
      const entries = entriesOf(entry.customerId);
      if (!saidAfter(entry.at, entries.get(idOf(entry)))) return;
      const { liftedAt: _lifted, ...active } = entry;
      entries.set(idOf(entry), structuredClone(active));
    },
    async lift(customerId, channel, reason, at, source) {
      const entries = entriesOf(customerId);
      const ofReason = [...entries].filter(([, entry]) => entry.channel === channel && entry.reason === reason);
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
      const entries = byCustomer.get(customerId);
      return entries === undefined ? [] : [...entries.values()].map((entry) => structuredClone(entry));
    },
  };
}
