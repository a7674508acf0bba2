import { addDays, type IsoDate } from '../dates';
import type { CustomerFacts, Occurrence } from '../triggers/kind';
import { eventKindOf, isEventTrigger, nextOccurrence } from '../triggers/registry';
import { matchesAudience } from './plan';
import type { Journey } from './schema';

/** The occurrence a preview shows, and what a marketer should know about it. */
export interface PreviewOccurrence {
  occurrence: Occurrence;
  /**
   * Why the customer would not get this occurrence as shown, or what is assumed: outside the
   * audience, the journey disabled, the occurrence more than a year away, sample event facts.
   * Empty when the customer would get it just so.
   */
  notices: string[];
}

export type PreviewOccurrenceChoice = ({ ok: true } & PreviewOccurrence) | { ok: false; reason: string };

/** The key of an event journey's occurrence in a preview: no event has happened. */
export const sampleEventOccurrenceKey = 'preview';

/**
 * The occurrence of a journey a preview renders for a customer: the first on or after `date`
 * (the customer-local day previewed for), with the facts its trigger adds, computed by the same
 * trigger module the planner uses. A journey started by dealer events has no date to wait for:
 * its occurrence is on `date`, with its kind's sample facts (an appointment at 10:30), and says so.
 *
 * A customer outside the audience, a disabled journey, or an occurrence more than a year after
 * `date` is still previewed (a marketer checks the wording), with a notice saying the customer
 * would not get it then. Only when the trigger finds no occurrence at all (no birth date, no
 * car) is there nothing to preview: `ok: false` with the reason.
 *
 * @example previewOccurrenceOf(birthday, facts, '2026-03-01') // { ok: true, occurrence: { date: '2026-03-14', key: '2026', facts: {} }, notices: [] }
 */
export function previewOccurrenceOf(journey: Journey, facts: CustomerFacts, date: IsoDate): PreviewOccurrenceChoice {
  const notices: string[] = [];
  if (!journey.enabled) notices.push(`journey "${journey.id}" is disabled (enabled: false): nobody gets it until it is enabled`);
  if (!matchesAudience(journey.audience, facts)) {
    notices.push(`customer ${facts.customer.id} is outside the journey's audience (${audienceText(journey)}): the engine would not send it to them`);
  }
  const { trigger } = journey;
  if (isEventTrigger(trigger)) {
    const { sampleFacts } = eventKindOf(trigger);
    notices.push(`journey "${journey.id}" is started by dealer events (${trigger.type}): previewed on ${date} with sample event facts (${factsText(sampleFacts)})`);
    return { ok: true, occurrence: { date, key: sampleEventOccurrenceKey, facts: sampleFacts }, notices };
  }
  const occurrence = nextOccurrence(trigger, facts, date);
  if (!occurrence) {
    return { ok: false, reason: `journey "${journey.id}" (${trigger.type} trigger) never fires for customer ${facts.customer.id} on or after ${date}: nothing it waits for is on file (a birth date, a car, a visit, cover, loyalty data)` };
  }
  const yearLater = addDays(date, 365);
  if (occurrence.date > yearLater) {
    notices.push(`journey "${journey.id}" does not fire for customer ${facts.customer.id} within a year of ${date}: its first occurrence is on ${occurrence.date}, previewed as it would be then`);
  }
  return { ok: true, occurrence, notices };
}

function audienceText({ audience }: Journey): string {
  const filters = Object.entries(audience).filter(([, values]) => values !== undefined);
  return filters.map(([name, values]) => `${name}: ${(values as readonly string[]).join(', ')}`).join('; ');
}

function factsText(facts: Readonly<Record<string, string | number>>): string {
  return Object.entries(facts)
    .map(([name, value]) => `${name} ${value}`)
    .join(', ');
}
