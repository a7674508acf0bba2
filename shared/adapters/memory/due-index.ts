import type { CustomerFacts } from '../../domain/triggers/kind';
import type { IsoDate } from '../../domain/dates';
import type { DueIndex } from '../../ports/due-index';

/** The due index in memory, with the DynamoDB one's rules (a stale advance changes nothing); counts writes. */
export function createMemoryDueIndex(): DueIndex & { entries: Map<string, CustomerFacts & { dueDate: IsoDate }>; writes: number } {
  const entries = new Map<string, CustomerFacts & { dueDate: IsoDate }>();
  const index = {
    entries,
    writes: 0,
    async fileCustomers(filed: { facts: CustomerFacts; dueDate: IsoDate | undefined }[]) {
      for (const { facts, dueDate } of filed) {
        index.writes += 1;
        if (dueDate === undefined) entries.delete(facts.customer.id);
        else entries.set(facts.customer.id, { ...structuredClone(facts), dueDate });
      }
    },
    async readDue(dates: readonly IsoDate[]) {
      return { due: [...entries.values()].filter((entry) => dates.includes(entry.dueDate)).map((entry) => structuredClone(entry)), skipped: [] };
    },
    async advance(customerId: string, from: IsoDate, next: IsoDate | undefined) {
      index.writes += 1;
      const entry = entries.get(customerId);
      if (entry?.dueDate !== from) return;
      if (next === undefined) entries.delete(customerId);
      else entries.set(customerId, { ...entry, dueDate: next });
    },
  };
  return index;
}
