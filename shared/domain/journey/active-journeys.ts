import type { Channel } from '../customer';
import { minutesOfClock, type IsoDate } from '../dates';
import type { CustomerFacts } from '../customer-facts';
import { kindOf } from '../triggers/registry';
import { scheduledJourneys, type Journey, type ScheduledJourney } from './schema';
import { stepGroupsOf, type StepGroup } from './steps';

/** A step group of an active journey, with what each due occurrence of it copies. */
export interface ActiveStepGroup extends StepGroup {
  /** The channels of its steps, each with its fallback's (if any), in step order. */
  channels: { channel: Channel; fallback: Channel | undefined }[];
}

/** An enabled scheduled journey with what the planner and the due dates read of it, worked out once. */
export interface ActiveJourney {
  journey: ScheduledJourney;
  groups: ActiveStepGroup[];
  sendAtMinute: number;
  /** Its place in the list {@link activeJourneys} gives. */
  index: number;
  /** Whether its trigger kind's dates are fixed by the customer alone (`TriggerKind.fixedDates`). */
  fixedDates: boolean;
  /** The day from which they are fixed for a customer (`TriggerKind.fixedDatesFrom`); without it, or when it gives none, from any day. */
  fixedDatesFrom: ((facts: CustomerFacts) => IsoDate | undefined) | undefined;
  /** Its steps' largest offset in days: the step groups ask for occurrences from up to that many days before a date. */
  maxOffsetDays: number;
}

// A loaded journey list is never changed in place: its active journeys are worked out once.
const activeByList = new WeakMap<readonly Journey[], readonly ActiveJourney[]>();

/**
 * The enabled scheduled journeys of a list, in its order, with their step groups and send time:
 * the planner and the due dates ask for them for every customer, so they are worked out once per
 * loaded list.
 */
export function activeJourneys(journeys: readonly Journey[]): readonly ActiveJourney[] {
  let active = activeByList.get(journeys);
  if (active === undefined) {
    active = scheduledJourneys(journeys)
      .filter((journey) => journey.enabled)
      .map((journey, index) => ({
        journey,
        index,
        fixedDates: kindOf(journey.trigger).fixedDates === true,
        fixedDatesFrom: fixedDatesFromOf(journey.trigger),
        maxOffsetDays: Math.max(...journey.steps.map((step) => step.offsetDays)),
        groups: stepGroupsOf(journey.steps).map((group) => ({
          ...group,
          channels: group.steps.map((step) => ({ channel: step.channel, fallback: step.fallback?.channel })),
        })),
        sendAtMinute: minutesOfClock(journey.trigger.sendAt),
      }));
    activeByList.set(journeys, active);
  }
  return active;
}

function fixedDatesFromOf(trigger: ScheduledJourney['trigger']): ActiveJourney['fixedDatesFrom'] {
  const { fixedDatesFrom } = kindOf(trigger);
  return fixedDatesFrom && ((facts) => fixedDatesFrom(trigger, facts));
}
