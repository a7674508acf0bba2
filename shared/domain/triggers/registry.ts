/**
 * The trigger kinds, listed once. The journey schema's trigger union, the planner, the
 * evaluation's candidate reads and the load-time template samples all go through here, so a new
 * kind is one module plus one line in each list below, and no `switch` on the type elsewhere.
 */
import * as z from 'zod';
import { epochDay, type IsoDate } from '../dates';
import type { MessageContext } from '../personalisation';
import { birthdayKind, BirthdayTrigger } from './birthday';
import { churnRiskKind, ChurnRiskTrigger } from './churn-risk';
import { coverExpiryKind, CoverExpiryTrigger } from './cover-expiry';
import { festivalKind, FestivalTrigger } from './festival';
import type { CustomerFacts, KindSamples, Occurrence, OccurrenceFacts, SampleCase, TriggerKind } from './kind';
import { loyaltyReviewKind, LoyaltyReviewTrigger } from './loyalty-review';
import { noVisitKind, NoVisitTrigger } from './no-visit';
import { seasonKind, SeasonTrigger } from './season';
import { serviceDueKind, ServiceDueTrigger } from './service-due';
import { tradeInKind, TradeInTrigger } from './trade-in';
import { vehicleDateKind, VehicleDateTrigger } from './vehicle-date';
import { appointmentKind, AppointmentTrigger } from './appointment';
import type { EventTriggerKind } from './event-kind';
import { referralKind, ReferralTrigger } from './referral';
import { serviceCompletedKind, ServiceCompletedTrigger } from './service-completed';
import { surveyAnswerKind, SurveyAnswerTrigger } from './survey-answer';

/** Scheduled triggers (the hourly evaluation plans them from the due index), discriminated on `type`. */
export const Trigger = z.discriminatedUnion('type', [
  BirthdayTrigger,
  VehicleDateTrigger,
  FestivalTrigger,
  SeasonTrigger,
  NoVisitTrigger,
  ChurnRiskTrigger,
  LoyaltyReviewTrigger,
  ServiceDueTrigger,
  TradeInTrigger,
  CoverExpiryTrigger,
]);
export type Trigger = z.infer<typeof Trigger>;
export type TriggerType = Trigger['type'];

/** Triggers started by dealer events; the scheduled planner and the due index never see them. */
export const EventTrigger = z.discriminatedUnion('type', [AppointmentTrigger, ServiceCompletedTrigger, SurveyAnswerTrigger, ReferralTrigger]);
export type EventTrigger = z.infer<typeof EventTrigger>;

/** A journey's trigger: scheduled or started by an event. */
export const JourneyTrigger = z.discriminatedUnion('type', [...Trigger.options, ...EventTrigger.options]);
export type JourneyTrigger = z.infer<typeof JourneyTrigger>;

type KindOf<T extends Trigger> = TriggerKind<T>;
const kinds: { [Type in TriggerType]: KindOf<Extract<Trigger, { type: Type }>> } = {
  birthday: birthdayKind,
  'vehicle-date': vehicleDateKind,
  festival: festivalKind,
  season: seasonKind,
  'no-visit': noVisitKind,
  'churn-risk': churnRiskKind,
  'loyalty-review': loyaltyReviewKind,
  'service-due': serviceDueKind,
  'trade-in': tradeInKind,
  'cover-expiry': coverExpiryKind,
};

// Typed by what every kind shares: each module types its own events (`startedBy`), which makes
// kinds of different events incomparable as a whole.
const eventKinds: { [Type in EventTrigger['type']]: KindSamples<Extract<EventTrigger, { type: Type }>> & { type: Type } } = {
  appointment: appointmentKind,
  'service-completed': serviceCompletedKind,
  'survey-answer': surveyAnswerKind,
  referral: referralKind,
};

/** Whether a journey's trigger is started by events (not planned by the schedule). */
export function isEventTrigger(trigger: JourneyTrigger): trigger is EventTrigger {
  return Object.hasOwn(eventKinds, trigger.type);
}

/** The kind module of an event trigger. */
export function eventKindOf<T extends EventTrigger>(trigger: T): EventTriggerKind<T> {
  // As `kindOf`: the mapped type pairs each type with its kind; TS cannot follow that through an index.
  return eventKinds[trigger.type] as unknown as EventTriggerKind<T>;
}

/** The kind module of a trigger. */
export function kindOf<T extends Trigger>(trigger: T): TriggerKind<T> {
  // The mapped type above pairs each type with its own kind; TS cannot follow that through an index.
  return kinds[trigger.type] as unknown as TriggerKind<T>;
}

/** The first occurrence of the trigger for the customer on or after a local date. */
export function nextOccurrence(trigger: Trigger, facts: CustomerFacts, onOrAfter: IsoDate): Occurrence | undefined {
  return kindOf(trigger).nextOccurrence(trigger, facts, onOrAfter);
}

/** The date of {@link nextOccurrence} as an epoch day (`epochDay`), undefined when there is none. */
export function nextOccurrenceDay(trigger: Trigger, facts: CustomerFacts, onOrAfter: IsoDate): number | undefined {
  const kind = kindOf(trigger);
  if (kind.nextOccurrenceDay) return kind.nextOccurrenceDay(trigger, facts, onOrAfter);
  const next = kind.nextOccurrence(trigger, facts, onOrAfter);
  return next && epochDay(next.date);
}

/** Every occurrence of the trigger for the customer on exactly this local date. */
export function occurrencesOn(trigger: Trigger, facts: CustomerFacts, date: IsoDate): Occurrence[] {
  const kind = kindOf(trigger);
  if (kind.occurrencesOn) return kind.occurrencesOn(trigger, facts, date);
  const next = kind.nextOccurrence(trigger, facts, date);
  return next?.date === date ? [next] : [];
}

/**
 * {@link occurrencesOn} for one trigger over one plan, with its kind looked up once. Kinds whose
 * occurrences depend on less than the whole customer (`sharedBy`) are computed once per date and
 * answer, so a festival costs one calendar lookup per tick, not one per customer. Make one per
 * trigger per plan (it keeps what it computed).
 */
export function occurrencesOnInPlan(trigger: Trigger): (facts: CustomerFacts, date: IsoDate) => Occurrence[] {
  const kind = kindOf(trigger);
  const { occurrencesOn: on, sharedBy } = kind;
  const each = on ? (facts: CustomerFacts, date: IsoDate) => on(trigger, facts, date) : (facts: CustomerFacts, date: IsoDate) => occurrencesOn(trigger, facts, date);
  if (!sharedBy) return each;
  const computed = new Map<IsoDate, Map<string, Occurrence[]>>();
  return (facts, date) => {
    let byAnswer = computed.get(date);
    if (!byAnswer) computed.set(date, (byAnswer = new Map()));
    const answer = sharedBy(trigger, facts);
    let occurrences = byAnswer.get(answer);
    if (!occurrences) byAnswer.set(answer, (occurrences = each(facts, date)));
    return occurrences;
  };
}

/** Every fact any kind adds, with a sample value: what a template may read under `occurrence`. */
export const allSampleFacts: OccurrenceFacts = Object.assign(
  {},
  ...[...Object.values(kinds), ...Object.values(eventKinds)].map((kind) => kind.sampleFacts),
) as OccurrenceFacts;

/** The contexts a template sent for this trigger must render in. */
export function sampleCasesFor(trigger: JourneyTrigger, base: MessageContext): SampleCase[] {
  return isEventTrigger(trigger) ? eventKindOf(trigger).sampleCases(trigger, base) : kindOf(trigger).sampleCases(trigger, base);
}
