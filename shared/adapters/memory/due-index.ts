import { customerFacts, type CustomerFacts } from '../../domain/customer-facts';
import type { IsoDate } from '../../domain/dates';
import type { DueIndex } from '../../ports/due-index';

/** The due index in memory, with the DynamoDB one's rules (a stale advance changes nothing); counts writes and records the dates read. */
type Entry = CustomerFacts & { dueDate: IsoDate; dueJourneys?: string[] };

export function createMemoryDueIndex(): DueIndex & { entries: Map<string, Entry>; writes: number; datesRead: IsoDate[][] } {
  const entries = new Map<string, Entry>();
  const journeysOf = (journeyIds: readonly string[] | undefined) => (journeyIds ? { dueJourneys: [...journeyIds] } : {});
  const index = {
    entries,
    writes: 0,
    datesRead: [] as IsoDate[][],
    async fileCustomers(filed: { facts: CustomerFacts; dueDate: IsoDate | undefined; journeyIds?: readonly string[] }[]) {
      for (const { facts, dueDate, journeyIds } of filed) {
        index.writes += 1;
        if (dueDate === undefined) entries.delete(facts.customer.id);
        // Stored as the DynamoDB one stores it: the record, from which a reader rebuilds the facts.
        else entries.set(facts.customer.id, { ...customerFacts(structuredClone(facts.record), facts.dealerCountry), dueDate, ...journeysOf(journeyIds) });
      }
    },
    async readDue(dates: readonly IsoDate[]) {
      index.datesRead.push([...dates]);
      return { due: [...entries.values()].filter((entry) => dates.includes(entry.dueDate)).map((entry) => ({ ...customerFacts(structuredClone(entry.record), entry.dealerCountry), dueDate: entry.dueDate, ...journeysOf(entry.dueJourneys) })), skipped: [] };
    },
    async advance(customerId: string, from: IsoDate, next: IsoDate | undefined, journeyIds?: readonly string[]) {
      index.writes += 1;
      const entry = entries.get(customerId);
      if (entry?.dueDate !== from) return;
      if (next === undefined) entries.delete(customerId);
      else {
        const { dueJourneys: _previousDate, ...rest } = entry;
        entries.set(customerId, { ...rest, dueDate: next, ...journeysOf(journeyIds) });
      }
    },
  };
  return index;
}
