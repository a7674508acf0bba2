import { customerFacts, type CustomerFacts } from '../../domain/customer-facts';
import type { IsoDate } from '../../domain/dates';
import type { DueIndex } from '../../ports/due-index';

type Entry = CustomerFacts & { dueDate: IsoDate; dueJourneys?: string[]; movedOn?: IsoDate };

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
  /** The time zones of the customers filed under the date (none: nobody is due on it), as kept: read them before the next write. */
  zonesOn(date: IsoDate): Iterable<string>;
} {
  const entries = new Map<string, Entry>();
  // Per date, its entries by customer (a read hands them out without looking each one up again)
  // and how many customers of each zone it holds (the simulation asks at every tick): one lookup
  // of the date per filing or move, not one per map.
  const byDate = new Map<IsoDate, { filed: Map<string, Entry>; zones: Map<string, number> }>();
  const journeysOf = (journeyIds: readonly string[] | undefined) => (journeyIds ? { dueJourneys: [...journeyIds] } : {});
  const unfile = (customerId: string) => {
    const entry = entries.get(customerId);
    if (!entry) return;
    entries.delete(customerId);
    const date = byDate.get(entry.dueDate)!;
    date.filed.delete(customerId);
    const zone = entry.customer.timeZone;
    const count = date.zones.get(zone)! - 1;
    if (count > 0) date.zones.set(zone, count);
    else date.zones.delete(zone);
    if (date.filed.size === 0) byDate.delete(entry.dueDate);
  };
  const file = (entry: Entry) => {
    unfile(entry.customer.id);
    entries.set(entry.customer.id, entry);
    let date = byDate.get(entry.dueDate);
    if (!date) byDate.set(entry.dueDate, (date = { filed: new Map(), zones: new Map() }));
    date.filed.set(entry.customer.id, entry);
    const zone = entry.customer.timeZone;
    date.zones.set(zone, (date.zones.get(zone) ?? 0) + 1);
  };
  const index = {
    entries,
    writes: 0,
    datesRead: [] as IsoDate[][],
    // No copy: the simulation asks at every tick, and walks them before anything is filed again.
    zonesOn: (date: IsoDate): Iterable<string> => byDate.get(date)?.zones.keys() ?? [],
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
      const due = [...new Set(dates)].flatMap((date) => [...(byDate.get(date)?.filed.values() ?? [])]);
      // The facts were rebuilt from a copy of the record when filed; readers do not change them.
      // Without copies the entries are read as filed: the same facts object at each tick of the
      // date, so what is worked out of it once (see `dueLaterOn`) is found again.
      return { due: copies ? due.map((entry) => ({ ...entry, ...journeysOf(entry.dueJourneys) })) : due, skipped: [] };
    },
    async advance(customerId: string, from: IsoDate, next: IsoDate | undefined, journeyIds?: readonly string[], movedOn?: IsoDate) {
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
        if (movedOn) moved.movedOn = movedOn;
        else delete moved.movedOn;
        file(moved);
      }
    },
  };
  return index;
}
