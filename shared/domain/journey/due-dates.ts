import { addDays, type IsoDate } from '../dates';
import type { CustomerFacts } from '../triggers/kind';
import { nextOccurrence } from '../triggers/registry';
import { matchesAudience } from './plan';
import { scheduledJourneys, type Journey } from './schema';
import { stepGroupsOf } from './steps';

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
  for (const journey of scheduledJourneys(journeys)) {
    if (!journey.enabled || !matchesAudience(journey.audience, facts)) continue;
    let soonest: IsoDate | undefined;
    for (const group of stepGroupsOf(journey.steps)) {
      // A step `offsetDays` from its occurrence goes out on or after today for an occurrence on or after today - offset.
      const occurrence = nextOccurrence(journey.trigger, facts, addDays(today, -group.offsetDays));
      if (!occurrence) continue;
      const sendDate = addDays(occurrence.date, group.offsetDays);
      if (soonest === undefined || sendDate < soonest) soonest = sendDate;
    }
    if (soonest !== undefined) entries.push({ journeyId: journey.id, dueDate: soonest });
  }
  return entries.sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.journeyId.localeCompare(b.journeyId));
}

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
 * The soonest date any journey is due for the customer, with each journey due on it, or
 * undefined when none ever is. A journey not listed has nothing going out from `today` up to that
 * date, so planning the entry on its date with the listed journeys alone gives what planning it
 * with every journey gives (test/unit/plan-due-journeys-fast-path.test.ts).
 */
export function nextDue(facts: CustomerFacts, journeys: readonly Journey[], today: IsoDate): NextDue | undefined {
  const entries = dueEntriesFor(facts, journeys, today);
  const dueDate = entries[0]?.dueDate;
  if (dueDate === undefined) return undefined;
  return { dueDate, journeyIds: entries.filter((entry) => entry.dueDate === dueDate).map((entry) => entry.journeyId) };
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
