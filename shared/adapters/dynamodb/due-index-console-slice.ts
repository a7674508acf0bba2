import type { DynamoDBDocumentClient } from './document-client';
import { datesOfPeriod, epochDay, type IsoDate } from '../../domain/dates';
import type { CustomerRecord } from '../../domain/customer';
import type { ConsoleSlice, ConsoleSliceContents } from '../../ports/console-activity';
import { forEachConcurrently } from '../../use-cases/concurrently';
import { createDynamoConsoleSlice, takeLedgerItem, type ConsoleSliceOptions } from './console-slice';
import { decodeCustomerRecord, readCustomerPartition } from './customer-partition';
import { decodeDueItem } from './due-index';
import { createDynamoDueIndexState } from './due-index-state';
import {
  attr,
  customerIdFromPartition,
  customerKey,
  dueEntryKey,
  dueIndexPartition,
  dueIndexShards,
  heldIndexKey,
  heldIndexPartition,
  heldIndexShards,
  heldMessageSortKeyPrefix,
  itemType,
  occurrenceSortKeyPrefix,
  openOccurrenceIndex,
} from './keys';
import { queryAll } from './query-all';

type Item = Record<string, unknown>;

export interface DueIndexSliceOptions {
  /** `dueDatesFingerprint` of the journeys in force: while the stored entries were filed with others, the Scan slice reads instead. */
  fingerprint: string;
  /**
   * The local due dates whose entries are read: from a few days back (entries wait under dates
   * just past until an evaluation moves them) to the day after the calendar's last (time zones);
   * the held messages of these days (UTC). The due index's own state may start the entries'
   * dates earlier (see `read`). `plannedTo`: the latest local date an evaluation can have planned
   * by the run (the latest date current anywhere; see `ledgerMayMatter`).
   */
  dueDates: { from: IsoDate; to: IsoDate; plannedTo: IsoDate };
  /** Only this shard of the job's run (`index` of `of`). Default: every customer. */
  slice?: { index: number; of: number };
  /** Queries in flight at once (index partitions, then customers' ledger ranges). */
  concurrency?: number;
  /** The Scan slice's options, for the fallback. */
  scan?: Omit<ConsoleSliceOptions, 'slice'>;
}

/**
 * The shard that reads index partition `shard` of `day` (a due date, or a held message's UTC day):
 * a date's partitions go to different shards, and consecutive dates' to the next ones, so the
 * shards share the window evenly; it depends on the day and partition only, never on the window,
 * so every shard of a run agrees on it.
 */
const ownerOf = (day: IsoDate, shard: number, of: number): number => (((epochDay(day) * dueIndexShards + shard) % of) + of) % of;

// HELD# and OCC# sort next to each other in a customer's partition (nothing is keyed between
// `HELD#` and `OCC$`; `$` sorts right after `#`), so one key range holds the held messages and
// the occurrences, and leaves out the profile range and the sends and tasks, the largest items.
const ledgerRangeEnd = `${occurrenceSortKeyPrefix.slice(0, -1)}$`;
const dueSortKey = dueEntryKey('').SK;

/** Whether the Scan slice's filter keeps this ledger item: an occurrence of a day from `handledFrom` on, or a message still held. */
function keptByCalendar(item: Item, handledFrom: IsoDate): boolean {
  const sortKey = String(item[attr.sk]);
  if (sortKey.startsWith(heldMessageSortKeyPrefix)) return item.status === 'held';
  if (!sortKey.startsWith(occurrenceSortKeyPrefix)) return false;
  const { sendDate, occurrenceDate } = item;
  return sendDate !== undefined ? typeof sendDate === 'string' && sendDate >= handledFrom : typeof occurrenceDate === 'string' && occurrenceDate >= handledFrom;
}

/**
 * Whether a customer's ledger range may hold an occurrence the calendar keeps (of a day from
 * `handledFrom` on), from their due entry, so that it is read only then. The evaluation claims a
 * date's occurrences while the entry is under that date (on it, or later when late), each keyed by
 * that date (`sendDate`, or `occurrenceDate` for steps on the day), and `advance` then records
 * the customer's local date of the move (`movedOn`): every claim before the move is of that date
 * or earlier. So the range needs reading when the entry has no `movedOn` (filed since its last
 * move, or moved before entries held it: anything may be there), when it was moved on a day from
 * `handledFrom` on, or when its own date is from `handledFrom` on and already planned somewhere
 * (up to `plannedTo`: claims of it may have been made since the move). Occurrences of the event
 * journeys are claimed by the event consumer, not through the entry; the simulation never plans
 * them (events cannot be foreseen), so they change no calendar. Held messages are not decided
 * here: they are read from their index (see `read`). Pure.
 */
export function ledgerMayMatter(entry: { dueDate: IsoDate; movedOn?: IsoDate | undefined }, handledFrom: IsoDate, plannedTo: IsoDate): boolean {
  if (entry.movedOn === undefined || entry.movedOn >= handledFrom) return true;
  return entry.dueDate >= handledFrom && entry.dueDate <= plannedTo;
}

/**
 * The calendar job's read through the due index (issue 12: the Scan of the whole table was the
 * engine's largest cost, most of it ledger history the calendar filters away). A customer filed
 * under a due date after the calendar's window sends nothing in it (the simulation starts from
 * the same records and the same ledger), so the customers the calendar needs are those filed
 * under the window's dates, each entry carrying the whole record: a Query per due-index partition
 * of the window, then one Query per customer of the ledger range holding their held messages and
 * occurrences, for the customers whose entry says that range may hold an occurrence the calendar
 * keeps (`ledgerMayMatter`: handled or moved lately, or filed since); the held messages of the
 * others are taken from the held messages' index partitions of the window, which every shard
 * reads whole for that (a held message is filed by the UTC day it is due, and those the calendar
 * shows are due in the window). Customers whose entry is elsewhere but who have a message held in the window
 * (a reminder after an annual step moved their entry a year ahead) are found through the held
 * messages' index partitions of the window.
 *
 * Shards: the index partitions are split between them (`ownerOf`), so each customer filed in the
 * window is read by one shard, with its ledger; a customer found only through held messages
 * belongs to the shard of its earliest held message's partition (several shards may read its
 * ledger range to learn that, never keep it twice).
 *
 * Until the stored entries were filed with the journeys in force (the due index's state: same
 * fingerprint, recompute finished), the dates may be wrong, and it reads with the Scan slice
 * instead, so the calendar never misses a customer. An unreadable entry is left out and counted,
 * as the evaluation leaves it out: the calendar shows what the engine would send.
 *
 * What the calendar shows besides its days and sends is of these customers only: the due counts
 * of the next 30 days leave out a customer whose step due today (or in the look-back) is already
 * handled and whose entry has moved past the window (the Scan counted them; they send nothing),
 * and the previews' sample customers are taken among the customers due in the window
 * (`test/integration/calendar-due-index.test.ts` holds both).
 */
export function createDueIndexConsoleSlice(client: DynamoDBDocumentClient, tableName: string, options: DueIndexSliceOptions): ConsoleSlice {
  const { fingerprint, dueDates, slice = { index: 0, of: 1 }, concurrency = 16, scan = {} } = options;
  const scanSlice = createDynamoConsoleSlice(client, tableName, { ...scan, slice });
  const state = createDynamoDueIndexState(client, tableName);
  const owned = (day: IsoDate, shard: number) => ownerOf(day, shard, slice.of) === slice.index;

  const indexPartition = (partition: string) =>
    queryAll(client, {
      TableName: tableName,
      IndexName: openOccurrenceIndex,
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': attr.gsi1pk },
      ExpressionAttributeValues: { ':pk': partition },
    });

  /**
   * The customer's held messages and occurrences the calendar keeps (and their due entry, with
   * `withDue`). A Query's filter may not name the sort key, so it tells the items apart by their
   * attributes, and `keptByCalendar` checks each again by its sort key as the Scan's filter does.
   */
  const ledgerRange = async (customerId: string, handledFrom: IsoDate, withDue: boolean) => {
    const items = await queryAll(client, {
      TableName: tableName,
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :first AND :last',
      FilterExpression: `sendDate >= :handledFrom OR (attribute_not_exists(sendDate) AND occurrenceDate >= :handledFrom) OR #status = :held${withDue ? ' OR #type = :due' : ''}`,
      ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk, '#status': 'status', ...(withDue ? { '#type': 'type' } : {}) },
      ExpressionAttributeValues: {
        ':pk': customerKey(customerId).PK,
        ':first': withDue ? dueSortKey : heldMessageSortKeyPrefix,
        ':last': ledgerRangeEnd,
        ':handledFrom': handledFrom,
        ':held': 'held',
        ...(withDue ? { ':due': itemType.due } : {}),
      },
    });
    const due = withDue ? items.find((item) => item[attr.sk] === dueSortKey) : undefined;
    return { due, ledger: items.filter((item) => keptByCalendar(item, handledFrom)) };
  };

  return {
    async read(handledFrom): Promise<ConsoleSliceContents> {
      const stored = await state.read();
      if (!stored || stored.fingerprint !== fingerprint || stored.status !== 'current') return scanSlice.read(handledFrom);
      // Every date an entry can be under: none is filed before the recompute's start (imports and
      // events file from their today, later), and an entry under a date no evaluation read (an
      // outage; locally, a replayed date: the calendar is of the real today) still names the
      // customer's earliest due date, so it may be one with a send in the window. Reading from
      // there costs 4 Queries a day, nearly all of empty partitions (half a unit each).
      const from = [stored.computedFrom, stored.catchUpFrom].reduce<IsoDate>((earliest, date) => (date !== undefined && date < earliest ? date : earliest), dueDates.from);
      const dates = datesOfPeriod(from, dueDates.to);
      const inWindow = (date: unknown) => typeof date === 'string' && date >= from && date <= dueDates.to;
      // Held messages due before the window's start are not the calendar's (it shows days from today on).
      const heldDays = datesOfPeriod(dueDates.from, dueDates.to);
      const contents: ConsoleSliceContents = { customers: [], handled: [], held: [], skipped: { customers: 0, ledger: 0 } };
      const records = new Map<string, CustomerRecord>();
      // Entries filed in the window that did not parse: their customers are this shard's, and left out.
      const unreadable = new Set<string>();

      const duePartitions = dates.flatMap((date) => Array.from({ length: dueIndexShards }, (_, shard) => ({ date, shard }))).filter(({ date, shard }) => owned(date, shard));
      // The customers whose ledger range is read; the others' held messages come from the index.
      const ledgerRead = new Set<string>();
      await forEachConcurrently(duePartitions, concurrency, async ({ date, shard }) => {
        for (const item of await indexPartition(dueIndexPartition(date, shard))) {
          const customerId = customerIdFromPartition(String(item[attr.pk]));
          const decoded = decodeDueItem(item, dueDates.to);
          if (!decoded.ok) {
            unreadable.add(customerId);
            continue;
          }
          records.set(customerId, decoded.due.record);
          if (ledgerMayMatter(decoded.due, handledFrom, dueDates.plannedTo)) ledgerRead.add(customerId);
        }
      });

      // Every held-message partition of the window: those this shard owns name the customers with
      // a message held in it and not already this shard's through their entry; all of them hold
      // the held messages of this shard's customers whose ledger range is not read.
      const heldPartitions = heldDays.flatMap((day) => Array.from({ length: heldIndexShards }, (_, shard) => ({ day, shard })));
      const ownedHeld = new Set(heldPartitions.filter(({ day, shard }) => owned(day, shard)).map(({ day, shard }) => heldIndexPartition(day, shard)));
      const heldOnly = new Set<string>();
      await forEachConcurrently(heldPartitions, concurrency, async ({ day, shard }) => {
        const partition = heldIndexPartition(day, shard);
        for (const item of await indexPartition(partition)) {
          const customerId = customerIdFromPartition(String(item[attr.pk]));
          if (records.has(customerId)) {
            if (!ledgerRead.has(customerId) && item.status === 'held') takeLedgerItem(contents, customerId, item);
          } else if (!unreadable.has(customerId) && ownedHeld.has(partition)) heldOnly.add(customerId);
        }
      });

      await forEachConcurrently([...ledgerRead], concurrency, async (customerId) => {
        for (const item of (await ledgerRange(customerId, handledFrom, false)).ledger) takeLedgerItem(contents, customerId, item);
      });

      await forEachConcurrently([...heldOnly], concurrency, async (customerId) => {
        const { due, ledger } = await ledgerRange(customerId, handledFrom, true);
        // Filed in the window: the shard of that partition has them (unreadable entries included).
        if (due && inWindow(due.dueDate)) return;
        const heldAt = ledger.flatMap((item) => (String(item[attr.sk]).startsWith(heldMessageSortKeyPrefix) && typeof item.dueAt === 'string' ? [new Date(item.dueAt).toISOString()] : []));
        const earliest = heldAt.filter((dueAt) => dueAt.slice(0, 10) >= dueDates.from && dueAt.slice(0, 10) <= dueDates.to).sort()[0];
        if (earliest === undefined || !ownedHeld.has(heldIndexKey(earliest, customerId, '').GSI1PK)) return;
        for (const item of ledger) takeLedgerItem(contents, customerId, item);
        const decoded = due ? decodeDueItem(due, dueDates.to) : undefined;
        if (decoded?.ok) {
          records.set(customerId, decoded.due.record);
          return;
        }
        if (decoded) {
          unreadable.add(customerId);
          return;
        }
        // No entry (no journey is due for them any more): their profile range, as the Scan reads it.
        const partition = await readCustomerPartition(client, tableName, customerId, { consistent: false });
        const record = partition ? decodeCustomerRecord(partition) : undefined;
        if (record?.ok) records.set(customerId, record.record);
        else if (record) unreadable.add(customerId);
      });

      contents.customers = [...records.values()];
      contents.skipped.customers = unreadable.size;
      return contents;
    },
  };
}
