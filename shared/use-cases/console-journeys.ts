import type { Channel } from '../domain/customer';
import { addDays, type IsoDate } from '../domain/dates';
import { dueEntriesFor } from '../domain/journey/due-dates';
import type { Journey, JourneyStep } from '../domain/journey/schema';
import type { CountedOutcome, CountRow } from '../ports/send-counts';
import { sumOf } from './console-counts';
import type { TenantView } from './console-snapshot';

/** How far ahead the Journeys page counts what falls due. */
export const dueAheadDays = 30;

/** A journey as the console's list shows it, with the tenant's counts. */
export interface JourneySummary {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  trigger: Journey['trigger'];
  audience: Journey['audience'];
  category: Journey['category'];
  sender: Journey['sender'];
  /** Every channel its steps and their fallbacks may send on, in step order. */
  channels: Channel[];
  /** Sends recorded `sent` in the lookback (30 UTC days), from the outcome counters. */
  sentRecently: number;
  /** Customers for whom a step falls due from today through `dueAheadDays` ahead. */
  dueAhead: number;
}

/** One step of a journey's graph, with the outcomes of its recent sends. */
export interface StepSummary {
  id: string;
  channel: Channel;
  template: string;
  offsetDays: number;
  offsetHours?: number;
  fallback?: JourneyStep['fallback'];
  /** From the outcome counters of the lookback: final statuses, and bounces and complaints reported since. */
  outcomes: Partial<Record<CountedOutcome, number>>;
}

export interface JourneyDetail extends JourneySummary {
  steps: StepSummary[];
}

const channelsOf = (journey: Journey): Channel[] => [...new Set(journey.steps.flatMap((step) => [step.channel, ...(step.fallback ? [step.fallback.channel] : [])]))];

/**
 * Per journey, the customers of the view for whom a step falls due from `today` through
 * `dueAheadDays` ahead. Pure; the calendar job computes it with the calendar (it reads every
 * customer, which a console request cannot).
 */
export function dueCounts(journeys: readonly Journey[], view: Pick<TenantView, 'customers'>, today: IsoDate): Record<string, number> {
  const until = addDays(today, dueAheadDays);
  const counts: Record<string, number> = {};
  for (const facts of view.customers) {
    for (const entry of dueEntriesFor(facts, journeys, today)) {
      if (entry.dueDate <= until) counts[entry.journeyId] = (counts[entry.journeyId] ?? 0) + 1;
    }
  }
  return counts;
}

function summary(journey: Journey, counts: readonly CountRow[], due: number): JourneySummary {
  return {
    id: journey.id,
    name: journey.name,
    ...(journey.description ? { description: journey.description } : {}),
    enabled: journey.enabled,
    trigger: journey.trigger,
    audience: journey.audience,
    category: journey.category,
    sender: journey.sender,
    channels: channelsOf(journey),
    sentRecently: sumOf(counts, (row) => row.journeyId === journey.id && row.outcome === 'sent'),
    dueAhead: due,
  };
}

/** Every journey with the tenant's counts: sends of the lookback (counters), customers due in the next 30 days (the calendar job's). */
export function summariseJourneys(journeys: readonly Journey[], counts: readonly CountRow[], dueAhead: Readonly<Record<string, number>>): JourneySummary[] {
  return journeys.map((journey) => summary(journey, counts, dueAhead[journey.id] ?? 0));
}

/** One journey with its steps and each step's recent outcomes; undefined for an unknown id. */
export function describeJourney(journeys: readonly Journey[], journeyId: string, counts: readonly CountRow[], dueAhead: Readonly<Record<string, number>>): JourneyDetail | undefined {
  const journey = journeys.find((candidate) => candidate.id === journeyId);
  if (!journey) return undefined;
  const own = counts.filter((row) => row.journeyId === journey.id);
  const steps = journey.steps.map((step): StepSummary => {
    const outcomes: Partial<Record<CountedOutcome, number>> = {};
    for (const row of own) if (row.stepId === step.id) outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + row.count;
    return {
      id: step.id,
      channel: step.channel,
      template: step.template,
      offsetDays: step.offsetDays,
      ...(step.offsetHours !== undefined ? { offsetHours: step.offsetHours } : {}),
      ...(step.fallback ? { fallback: step.fallback } : {}),
      outcomes,
    };
  });
  return { ...summary(journey, own, dueAhead[journey.id] ?? 0), steps };
}
