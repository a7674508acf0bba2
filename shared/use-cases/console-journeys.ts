import type { Channel } from '../domain/customer';
import { addDays, type IsoDate } from '../domain/dates';
import { dueEntriesFor } from '../domain/journey/due-dates';
import type { Journey, JourneyStep } from '../domain/journey/schema';
import type { SendRecord, SendStatus } from '../ports/ledger';
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
  /** Sends with status `sent` in the lookback (30 days). */
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
  outcomes: Partial<Record<SendStatus, number>>;
}

export interface JourneyDetail extends JourneySummary {
  steps: StepSummary[];
}

const channelsOf = (journey: Journey): Channel[] => [...new Set(journey.steps.flatMap((step) => [step.channel, ...(step.fallback ? [step.fallback.channel] : [])]))];

function dueCounts(journeys: readonly Journey[], view: TenantView, today: IsoDate): Map<string, number> {
  const until = addDays(today, dueAheadDays);
  const counts = new Map<string, number>();
  for (const facts of view.customers) {
    for (const entry of dueEntriesFor(facts, journeys, today)) {
      if (entry.dueDate <= until) counts.set(entry.journeyId, (counts.get(entry.journeyId) ?? 0) + 1);
    }
  }
  return counts;
}

function summary(journey: Journey, sends: readonly SendRecord[], due: number): JourneySummary {
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
    sentRecently: sends.filter((send) => send.journeyId === journey.id && send.status === 'sent').length,
    dueAhead: due,
  };
}

/** Every journey with the tenant's counts: sends of the lookback, customers due in the next 30 days. */
export function summariseJourneys(journeys: readonly Journey[], view: TenantView, today: IsoDate): JourneySummary[] {
  const due = dueCounts(journeys, view, today);
  return journeys.map((journey) => summary(journey, view.sends, due.get(journey.id) ?? 0));
}

/** One journey with its steps and each step's recent outcomes; undefined for an unknown id. */
export function describeJourney(journeys: readonly Journey[], journeyId: string, view: TenantView, today: IsoDate): JourneyDetail | undefined {
  const journey = journeys.find((candidate) => candidate.id === journeyId);
  if (!journey) return undefined;
  const own = view.sends.filter((send) => send.journeyId === journey.id);
  const due = dueCounts([journey], view, today).get(journey.id) ?? 0;
  const steps = journey.steps.map((step): StepSummary => {
    const outcomes: Partial<Record<SendStatus, number>> = {};
    for (const send of own) if (send.messageId === step.id) outcomes[send.status] = (outcomes[send.status] ?? 0) + 1;
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
  return { ...summary(journey, own, due), steps };
}
