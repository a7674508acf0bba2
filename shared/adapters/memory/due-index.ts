import { customerFacts, type CustomerFacts } from '../../domain/customer-facts';
import type { IsoDate } from '../../domain/dates';
import type { DueIndex } from '../../ports/due-index';

/** The due index in memory, with the DynamoDB one's rules (a stale advance changes nothing); counts writes and records the dates read. */
export function createMemoryDueIndex(): DueIndex & { entries: Map<string, CustomerFacts & { dueDate: IsoDate }>; writes: number; datesRead: IsoDate[][] } {
  const entries = new Map<string, CustomerFacts & { dueDate: IsoDate }>();
  const index = {
    entries,
    writes: 0,
    datesRead: [] as IsoDate[][],
    async fileCustomers(filed: { facts: CustomerFacts; dueDate: IsoDate | undefined }[]) {
      for (const { facts, dueDate } of filed) {
        index.writes += 1;
        if (dueDate === undefined) entries.delete(facts.customer.id);
        // Stored as the DynamoDB one stores it: the record, from which a reader rebuilds the facts.
        else entries.set(facts.customer.id, { ...customerFacts(structuredClone(facts.record), facts.dealerCountry), dueDate });
      }
    },
    async readDue(dates: readonly IsoDate[]) {
      index.datesRead.push([...dates]);
      return { due: [...entries.values()].filter((entry) => dates.includes(entry.dueDate)).map((entry) => ({ ...customerFacts(structuredClone(entry.record), entry.dealerCountry), dueDate: entry.dueDate })), skipped: [] };
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
