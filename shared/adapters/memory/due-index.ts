import { customerFacts, type CustomerFacts } from '../../domain/customer-facts';
import type { IsoDate } from '../../domain/dates';
import type { DueIndex } from '../../ports/due-index';

type Entry = CustomerFacts & { dueDate: IsoDate; dueJourneys?: string[] };

/**
 * The due index in memory, with the DynamoDB one's rules (a stale advance changes nothing); counts
 * writes and records the dates read. Entries are kept by date too, as GSI1 keeps them, so a read
 * costs the customers due, not every customer (the simulation reads at every tick).
 *
 * Each filed customer's facts are rebuilt from a copy of their record, as DynamoDB stores one.
 * `copies: false` (simulate, whose customers are stored frozen and never changed in place) keeps
 * the facts as given: a second copy of every customer would be most of the memory at 100,000.
 */
export function createMemoryDueIndex({ copies = true }: { copies?: boolean } = {}): DueIndex & {
  entries: Map<string, Entry>;
  writes: number;
  datesRead: IsoDate[][];
  /** The time zones of the customers filed under the date (none: nobody is due on it). */
  zonesOn(date: IsoDate): Set<string>;
} {
  const entries = new Map<string, Entry>();
  // The entries of each date by customer: a read hands them out without looking each one up again.
  const byDate = new Map<IsoDate, Map<string, Entry>>();
  // How many customers of each zone are filed under each date: the simulation asks at every tick.
  const zoneCounts = new Map<IsoDate, Map<string, number>>();
  const countZone = (date: IsoDate, zone: string, change: 1 | -1) => {
    let counts = zoneCounts.get(date);
    if (!counts) zoneCounts.set(date, (counts = new Map()));
    const count = (counts.get(zone) ?? 0) + change;
    if (count > 0) counts.set(zone, count);
    else counts.delete(zone);
    if (counts.size === 0) zoneCounts.delete(date);
  };
  const journeysOf = (journeyIds: readonly string[] | undefined) => (journeyIds ? { dueJourneys: [...journeyIds] } : {});
  const unfile = (customerId: string) => {
    const entry = entries.get(customerId);
    if (!entry) return;
    entries.delete(customerId);
    countZone(entry.dueDate, entry.customer.timeZone, -1);
    const filed = byDate.get(entry.dueDate);
    filed?.delete(customerId);
    if (filed?.size === 0) byDate.delete(entry.dueDate);
  };
  const file = (entry: Entry) => {
    unfile(entry.customer.id);
    entries.set(entry.customer.id, entry);
    countZone(entry.dueDate, entry.customer.timeZone, 1);
    let filed = byDate.get(entry.dueDate);
    if (!filed) byDate.set(entry.dueDate, (filed = new Map()));
    filed.set(entry.customer.id, entry);
  };
  const index = {
    entries,
    writes: 0,
    datesRead: [] as IsoDate[][],
    zonesOn: (date: IsoDate) => new Set(zoneCounts.get(date)?.keys()),
    async fileCustomers(filed: { facts: CustomerFacts; dueDate: IsoDate | undefined; journeyIds?: readonly string[] }[]) {
      for (const { facts, dueDate, journeyIds } of filed) {
        index.writes += 1;
        if (dueDate === undefined) unfile(facts.customer.id);
        // Stored as the DynamoDB one stores it: the record, from which a reader rebuilds the facts.
        else file({ ...(copies ? customerFacts(structuredClone(facts.record), facts.dealerCountry) : facts), dueDate, ...journeysOf(journeyIds) });
      }
    },
    async readDue(dates: readonly IsoDate[]) {
      index.datesRead.push([...dates]);
      const due = [...new Set(dates)].flatMap((date) => [...(byDate.get(date)?.values() ?? [])]);
      // The facts were rebuilt from a copy of the record when filed; readers do not change them.
      // Without copies the entries are read as filed: the same facts object at each tick of the
      // date, so what is worked out of it once (see `dueLaterOn`) is found again.
      return { due: copies ? due.map((entry) => ({ ...entry, ...journeysOf(entry.dueJourneys) })) : due, skipped: [] };
    },
    async advance(customerId: string, from: IsoDate, next: IsoDate | undefined, journeyIds?: readonly string[]) {
      index.writes += 1;
      const entry = entries.get(customerId);
      if (entry?.dueDate !== from) return;
      if (next === undefined) unfile(customerId);
      else {
        // A copy with the date and journeys set is cheaper than one without the old journeys; an
        // entry with none has no such field (as a new entry), so the rare move without any drops it.
        const moved: Entry = { ...entry, dueDate: next };
        if (journeyIds) moved.dueJourneys = [...journeyIds];
        else delete moved.dueJourneys;
        file(moved);
      }
    },
  };
  return index;
}
