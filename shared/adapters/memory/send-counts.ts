import type { CountRow, SendCounter, SendCounts } from '../../ports/send-counts';

/** The outcome counters in memory, with the DynamoDB adapter's rules: for use-case tests. */
export function createMemorySendCounts(): SendCounter & SendCounts {
  const counters = new Map<string, CountRow>();
  return {
    async add(outcome) {
      const key = [outcome.dealerId, outcome.day, outcome.journeyId, outcome.stepId, outcome.channel, outcome.outcome].join('\u0000');
      const row = counters.get(key) ?? { ...outcome, count: 0 };
      row.count += 1;
      counters.set(key, row);
    },
    async countsOf(dealerIds, from, to) {
      const dealers = new Set(dealerIds);
      const rows = [...counters.values()].filter((row) => dealers.has(row.dealerId) && row.day >= from && row.day <= to).map((row) => ({ ...row }));
      return { rows, unreadable: 0 };
    },
  };
}
