import { customerFacts, type CustomerFacts } from '../../domain/customer-facts';
import { epochDay, minutesIntoLocalDay, type IsoDate } from '../../domain/dates';
import type { DueIndex } from '../../ports/due-index';

type Entry = CustomerFacts & { dueDate: IsoDate; dueJourneys?: string[]; movedOn?: IsoDate };

/** The filed entries by customer, read-only. */
export interface FiledEntries {
  get(customerId: string): Entry | undefined;
  has(customerId: string): boolean;
  keys(): Iterable<string>;
  values(): Iterable<Entry>;
  readonly size: number;
}

/**
 * A date's entries of one zone whose listed journeys' earliest send time is `sendAt` (minutes
 * since local midnight); without send times, all of the date's (`zoneKey` empty, `sendAt` 0).
 */
interface Slot {
  zoneKey: string;
  timeZone: string;
  sendAt: number;
  filed: Map<string, Entry>;
}

/**
 * The due index in memory, with the DynamoDB one's rules (a stale advance changes nothing); counts
 * writes and records the dates read. Entries are kept by date too, as GSI1 keeps them, so a read
 * costs the customers due, not every customer (the simulation reads at every tick).
 *
 * Each filed customer's facts are rebuilt from a copy of their record, as DynamoDB stores one.
 * `copies: false` (simulate, whose customers are stored frozen and never changed in place) keeps
 * the facts as given: a second copy of every customer would be most of the memory at 100,000.
 *
 * With `sendAtMinutes` (each journey's send time, as minutes since local midnight), a date's
 * entries are also kept by zone and earliest send time of the journeys they list, and a read with
 * `dueBy` leaves out those whose time has not come there (see `DueIndex.readDue`): a customer
 * filed under a date is otherwise read, and planned for nothing, at each tick of it before their
 * send time. An entry listing no journeys, or one without a known send time, is always read.
 */
export function createMemoryDueIndex({ copies = true, sendAtMinutes }: { copies?: boolean; sendAtMinutes?: ReadonlyMap<string, number> } = {}): DueIndex & {
  /** Each customer's entry (for tests and checks). */
  entries: FiledEntries;
  writes: number;
  datesRead: IsoDate[][];
  /**
   * Whether a read of the date with `dueBy: now` could find anyone (without `sendAtMinutes`,
   * whether anyone is filed under it).
   */
  mayFindDueOn(date: IsoDate, now: Date): boolean;
} {
  // Per customer, their entry and the slot it is in: a move changes both in place, with no other
  // lookup. Per date, its entries by zone and then earliest send time (without send times, all in
  // one slot), so a read hands them out without looking each one up again.
  const filedOf = new Map<string, { entry: Entry; slot: Slot }>();
  const byDate = new Map<IsoDate, { size: number; slots: Map<string, Map<number, Slot>> }>();
  const earliestSendAt = (entry: Entry): number => {
    const journeyIds = entry.dueJourneys;
    if (sendAtMinutes === undefined || journeyIds === undefined || journeyIds.length === 0) return 0;
    let earliest = Number.POSITIVE_INFINITY;
    for (let at = 0; at < journeyIds.length; at += 1) earliest = Math.min(earliest, sendAtMinutes.get(journeyIds[at]!) ?? 0);
    return earliest;
  };
  const journeysOf = (journeyIds: readonly string[] | undefined) => (journeyIds ? { dueJourneys: [...journeyIds] } : {});
  /** Takes the entry out of its slot and date (not out of `filedOf`). */
  const leaveSlot = (customerId: string, { entry, slot }: { entry: Entry; slot: Slot }) => {
    slot.filed.delete(customerId);
    const date = byDate.get(entry.dueDate)!;
    if (slot.filed.size === 0) {
      const zone = date.slots.get(slot.zoneKey)!;
      zone.delete(slot.sendAt);
      if (zone.size === 0) date.slots.delete(slot.zoneKey);
    }
    date.size -= 1;
    if (date.size === 0) byDate.delete(entry.dueDate);
  };
  const slotFor = (entry: Entry): Slot => {
    let date = byDate.get(entry.dueDate);
    if (!date) byDate.set(entry.dueDate, (date = { size: 0, slots: new Map() }));
    date.size += 1;
    const { timeZone } = entry.customer;
    const zoneKey = sendAtMinutes === undefined ? '' : timeZone;
    const sendAt = earliestSendAt(entry);
    let zone = date.slots.get(zoneKey);
    if (!zone) date.slots.set(zoneKey, (zone = new Map()));
    let slot = zone.get(sendAt);
    if (!slot) zone.set(sendAt, (slot = { zoneKey, timeZone, sendAt, filed: new Map() }));
    return slot;
  };
  const unfile = (customerId: string) => {
    const filed = filedOf.get(customerId);
    if (!filed) return;
    filedOf.delete(customerId);
    leaveSlot(customerId, filed);
  };
  const file = (entry: Entry) => {
    const customerId = entry.customer.id;
    const filed = filedOf.get(customerId);
    if (filed) leaveSlot(customerId, filed);
    const slot = slotFor(entry);
    slot.filed.set(customerId, entry);
    if (filed) {
      filed.entry = entry;
      filed.slot = slot;
    } else filedOf.set(customerId, { entry, slot });
  };
  const entries: FiledEntries = {
    get: (customerId) => filedOf.get(customerId)?.entry,
    has: (customerId) => filedOf.has(customerId),
    keys: () => filedOf.keys(),
    *values() {
      for (const { entry } of filedOf.values()) yield entry;
    },
    get size() {
      return filedOf.size;
    },
  };
  const index = {
    entries,
    writes: 0,
    datesRead: [] as IsoDate[][],
    async fileCustomers(filed: { facts: CustomerFacts; dueDate: IsoDate | undefined; journeyIds?: readonly string[] }[]) {
      for (const { facts, dueDate, journeyIds } of filed) {
        index.writes += 1;
        if (dueDate === undefined) unfile(facts.customer.id);
        // Stored as the DynamoDB one stores it: the record, from which a reader rebuilds the facts.
        else file({ ...(copies ? customerFacts(structuredClone(facts.record), facts.dealerCountry) : facts), dueDate, ...journeysOf(journeyIds) });
      }
    },
    mayFindDueOn(date: IsoDate, now: Date) {
      const filed = byDate.get(date);
      if (filed === undefined) return false;
      if (sendAtMinutes === undefined) return true;
      const day = epochDay(date);
      for (const zone of filed.slots.values()) for (const slot of zone.values()) if (minutesIntoLocalDay(now, slot.timeZone, day) >= slot.sendAt) return true;
      return false;
    },
    async readDue(dates: readonly IsoDate[], { dueBy }: { dueBy?: Date } = {}) {
      index.datesRead.push([...dates]);
      const due: Entry[] = [];
      for (const date of new Set(dates)) {
        const filed = byDate.get(date);
        if (filed === undefined) continue;
        const day = dueBy === undefined || sendAtMinutes === undefined ? undefined : epochDay(date);
        for (const zone of filed.slots.values()) {
          for (const slot of zone.values()) {
            if (day !== undefined && minutesIntoLocalDay(dueBy!, slot.timeZone, day) < slot.sendAt) continue;
            for (const entry of slot.filed.values()) due.push(entry);
          }
        }
      }
      // The facts were rebuilt from a copy of the record when filed; readers do not change them.
      // Without copies the entries are read as filed: the same facts object at each tick of the
      // date, so what is worked out of it once (see `dueLaterOn`) is found again.
      return { due: copies ? due.map((entry) => ({ ...entry, ...journeysOf(entry.dueJourneys) })) : due, skipped: [] };
    },
    async advance(customerId: string, from: IsoDate, next: IsoDate | undefined, journeyIds?: readonly string[], movedOn?: IsoDate) {
      index.writes += 1;
      const entry = filedOf.get(customerId)?.entry;
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
