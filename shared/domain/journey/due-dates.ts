import { addDays, dateOfEpochDay, type IsoDate } from '../dates';
import type { CustomerFacts } from '../triggers/kind';
import { nextOccurrenceDay } from '../triggers/registry';
import { activeJourneys, type ActiveJourney } from './active-journeys';
import { keptDaysOf, keptSendDate, keptSendDay, noSendDay } from './kept-send-dates';
import { matchesAudience } from './plan';
import { scheduledJourneys, type Journey } from './schema';

/** The next local date one journey has something to send to a customer. */
export interface DueEntry {
  journeyId: string;
  dueDate: IsoDate;
}

/**
 * Each enabled journey's next local date on or after `today` when a step goes out to the
 * customer (a card mailed ahead makes that date earlier than the occurrence's), soonest first.
 * Pure: the due index stores the soonest of these when the customer is written, and again, from
 * the day after, once the customer's occurrences of that day are claimed.
 *
 * @example dueEntriesFor({ customer, vehicles }, journeys, '2026-03-01') // [{ journeyId: 'birthday', dueDate: '2026-03-14' }, ...]
 */
export function dueEntriesFor(facts: CustomerFacts, journeys: readonly Journey[], today: IsoDate): DueEntry[] {
  const entries: DueEntry[] = [];
  // Journeys started by events have no date to wait for: the due index never files them.
  const list = activeJourneys(journeys);
  const kept = keptDaysOf(list, facts, today);
  for (const active of list) {
    const dueDate = keptSendDate(active, kept, facts, today, workOutSoonestSendDay);
    if (dueDate !== undefined) entries.push({ journeyId: active.journey.id, dueDate });
  }
  return entries.sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.journeyId.localeCompare(b.journeyId));
}

/**
 * The first local date on or after `today` when a step of the journey goes out to the customer,
 * as an epoch day, or {@link noSendDay} when none ever does (or the customer is not in its
 * audience), worked out from the trigger: what {@link keptSendDay} keeps per customer where the
 * journey's dates are fixed. In day numbers: the dates are only compared.
 */
function workOutSoonestSendDay({ journey, groups }: ActiveJourney, facts: CustomerFacts, today: IsoDate): number {
  if (!matchesAudience(journey.audience, facts)) return noSendDay;
  let soonest = noSendDay;
  for (const { offsetDays } of groups) {
    // A step `offsetDays` from its occurrence goes out on or after today for an occurrence on or after today - offset.
    const occurrenceDay = nextOccurrenceDay(journey.trigger, facts, offsetDays === 0 ? today : addDays(today, -offsetDays));
    if (occurrenceDay !== undefined && occurrenceDay + offsetDays < soonest) soonest = occurrenceDay + offsetDays;
  }
  return soonest;
}

/**
 * Whether a step of some journey goes out to the customer on `date` at a send time later than
 * `minuteOfDay` (minutes since local midnight): what {@link dueEntriesFor} on that date lists for
 * it with a later send time, asked of the journeys sending later only. The evaluation asks this of
 * every customer it handled, to know whether the day is done with them.
 */
export function dueLaterOn(facts: CustomerFacts, journeys: readonly Journey[], date: IsoDate, minuteOfDay: number): boolean {
  return minuteOfDay < lastSendMinuteOn(facts, journeys, date, minuteOfDay);
}

/**
 * The latest send time (minutes since local midnight) of the journeys with a step going out to
 * the customer on `date`, when it is after `minuteOfDay`; -1 when none is. A customer filed under
 * a date is asked at every tick of it, with the same facts, journeys and date and a later minute
 * each time: what was found is kept for the last date asked of each facts object (facts are never
 * changed in place), and journeys are asked latest send time first, each at most once per date.
 */
function lastSendMinuteOn(facts: CustomerFacts, journeys: readonly Journey[], date: IsoDate, minuteOfDay: number): number {
  let kept = lastSendMinutes.get(facts);
  if (kept === undefined || kept.date !== date || kept.journeys !== journeys) {
    kept = { journeys, date, found: -1, askedAbove: Number.POSITIVE_INFINITY, next: 0 };
    lastSendMinutes.set(facts, kept);
  }
  if (kept.found >= 0 || minuteOfDay >= kept.askedAbove) return kept.found;
  const latestFirst = journeysLatestFirst(journeys);
  const keptDays = keptDaysOf(activeJourneys(journeys), facts, date);
  for (; kept.next < latestFirst.length && latestFirst[kept.next]!.sendAtMinute > minuteOfDay; kept.next += 1) {
    const active = latestFirst[kept.next]!;
    if (keptSendDate(active, keptDays, facts, date, workOutSoonestSendDay) === date) return (kept.found = active.sendAtMinute);
  }
  kept.askedAbove = minuteOfDay;
  return -1;
}

/**
 * {@link dueLaterOn} for a due-index entry on its own date, from the journeys the entry lists
 * (`NextDue.journeyIds`): whether one of them sends later than `minuteOfDay`. The entry lists
 * every journey with a step going out to the customer on its date and no other (see
 * {@link nextDue}), so this is the same answer with no date worked out, and it is what the
 * planner plans of the entry (test/unit/next-due.test.ts holds the two equal).
 */
export function listedDueLaterOn(journeyIds: readonly string[], journeys: readonly Journey[], minuteOfDay: number): boolean {
  const sendAt = sendAtMinutesOf(journeys);
  // An id no longer among the active journeys sends nothing, as the planner plans nothing of it.
  for (const id of journeyIds) if (minuteOfDay < (sendAt.get(id) ?? -1)) return true;
  return false;
}

const sendAtMinutesByList = new WeakMap<readonly Journey[], ReadonlyMap<string, number>>();

/** Each active journey's send time by id, as minutes since local midnight: worked out once per loaded list. */
export function sendAtMinutesOf(journeys: readonly Journey[]): ReadonlyMap<string, number> {
  let sendAt = sendAtMinutesByList.get(journeys);
  if (sendAt === undefined) sendAtMinutesByList.set(journeys, (sendAt = new Map(activeJourneys(journeys).map((active) => [active.journey.id, active.sendAtMinute]))));
  return sendAt;
}

/** Per facts object: its last date asked, the latest send time found due on it, and how far down the journeys were asked. */
const lastSendMinutes = new WeakMap<CustomerFacts, { journeys: readonly Journey[]; date: IsoDate; found: number; askedAbove: number; next: number }>();

const latestFirstByList = new WeakMap<readonly Journey[], readonly ActiveJourney[]>();

function journeysLatestFirst(journeys: readonly Journey[]): readonly ActiveJourney[] {
  let sorted = latestFirstByList.get(journeys);
  if (sorted === undefined) latestFirstByList.set(journeys, (sorted = [...activeJourneys(journeys)].sort((a, b) => b.sendAtMinute - a.sendAtMinute)));
  return sorted;
}

// ISO dates of one length order as text; a plain comparison, not a locale's collation.
const compareDates = (a: IsoDate, b: IsoDate): number => (a < b ? -1 : a > b ? 1 : 0);

/** The soonest date any journey is due for the customer, or undefined when none ever is. */
export function nextDueDate(facts: CustomerFacts, journeys: readonly Journey[], today: IsoDate): IsoDate | undefined {
  return nextDue(facts, journeys, today)?.dueDate;
}

/** A customer's next due date and the journeys due on it: what their due-index entry holds. */
export interface NextDue {
  dueDate: IsoDate;
  /** Every journey with a step going out on `dueDate`: the only ones the planner evaluates for this entry. */
  journeyIds: string[];
}

/**
 * The soonest date any journey is due for the customer, with each journey due on it (in the order
 * {@link dueEntriesFor} lists them), or undefined when none ever is. A journey not listed has
 * nothing going out from `today` up to that date, so planning the entry on its date with the
 * listed journeys alone gives what planning it with every journey gives
 * (test/unit/plan-due-journeys-fast-path.test.ts). Asked for every customer handled on every
 * tick: it keeps the soonest as it goes rather than listing and sorting every journey's date.
 */
export function nextDue(facts: CustomerFacts, journeys: readonly Journey[], today: IsoDate): NextDue | undefined {
  // Compared as day numbers: only the soonest is turned into a date.
  let dueDay = noSendDay;
  const list = activeJourneys(journeys);
  const kept = keptDaysOf(list, facts, today);
  const sendDays = sendDaysFor(list.length);
  // An indexed loop: every customer moved on at every tick asks this of every journey. A date kept
  // and still ahead is read here, not through a call per journey: most journeys' are.
  for (let at = 0; at < list.length; at += 1) {
    const active = list[at]!;
    let sendDay: number;
    if (kept !== undefined && active.fixedDates && active.fixedDatesFrom === undefined && kept.days[at * 2]! <= kept.day && kept.day <= kept.days[at * 2 + 1]!) sendDay = kept.days[at * 2 + 1]!;
    else sendDay = keptSendDay(active, kept, facts, today, workOutSoonestSendDay);
    sendDays[at] = sendDay;
    if (sendDay < dueDay) dueDay = sendDay;
  }
  if (dueDay === noSendDay) return undefined;
  const journeyIds: string[] = [];
  for (let at = 0; at < list.length; at += 1) if (sendDays[at] === dueDay) journeyIds.push(list[at]!.journey.id);
  return { dueDate: dateOfEpochDay(dueDay), journeyIds: journeyIds.length > 1 ? journeyIds.sort((a, b) => a.localeCompare(b)) : journeyIds };
}

// Each journey's send day of the customer asked last, reused: nextDue runs for every customer moved.
let sendDayScratch = new Int32Array(32);

function sendDaysFor(journeys: number): Int32Array {
  if (sendDayScratch.length < journeys) sendDayScratch = new Int32Array(journeys * 2);
  return sendDayScratch;
}

/**
 * A fingerprint of what decides due dates (each enabled journey's id, trigger, audience and step
 * offsets): stored beside the due index, so a deploy whose journeys give other dates is noticed
 * and the dates recomputed. Stable across key order; FNV-1a, as the domain has no crypto.
 */
export function dueDatesFingerprint(journeys: readonly Journey[]): string {
  // Asked at every tick and every filing with the same loaded config: computed once per list.
  let fingerprint = fingerprints.get(journeys);
  if (fingerprint === undefined) fingerprints.set(journeys, (fingerprint = fingerprintOf(journeys)));
  return fingerprint;
}

/** Fingerprints of journey lists seen; a loaded config is never changed in place. */
const fingerprints = new WeakMap<readonly Journey[], string>();

function fingerprintOf(journeys: readonly Journey[]): string {
  const relevant = scheduledJourneys(journeys)
    .filter((journey) => journey.enabled)
    .map((journey) => ({ id: journey.id, trigger: journey.trigger, audience: journey.audience, offsets: journey.steps.map((step) => step.offsetDays) }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const text = canonical(relevant);
  let hash = 0xcbf29ce484222325n;
  for (let index = 0; index < text.length; index += 1) {
    hash ^= BigInt(text.charCodeAt(index));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, field]) => field !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonical(field)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
