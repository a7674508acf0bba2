import type { z } from 'zod';
import type { CustomerFacts } from '../customer-facts';
import type { IsoDate } from '../dates';
import type { MessageContext } from '../personalisation';

/** What a trigger kind may read of a customer: the domain's one view (`customerFacts`). */
export type { CustomerFacts };

/** A value a kind adds to the message context, under `occurrence` (e.g. `occurrence.years`). */
export type FactValue = string | number;
export type OccurrenceFacts = Readonly<Record<string, FactValue>>;

/** When a journey falls due for a customer next, and what "once" means for it. */
export interface Occurrence {
  /** The customer's local date the occurrence belongs to. */
  date: IsoDate;
  /** What identifies it within the journey: a year, a vehicle, a vehicle and an anniversary. */
  key: string;
  /** Added to the message context under `occurrence`, beside the date. */
  facts: OccurrenceFacts;
}

/** One case a template sent for this kind must render in, e.g. "a customer without a car". */
export interface SampleCase {
  label: string;
  context: MessageContext;
}

/** What every kind of trigger, scheduled or started by an event, tells the config checks. */
export interface KindSamples<T> {
  /** Names and sample values of the facts it adds, for the load-time template checks. */
  sampleFacts: OccurrenceFacts;
  /**
   * The message contexts a template sent for this kind can meet (with and without a car,
   * with and without a known age...), built from a full sample in the template's locale.
   */
  sampleCases(trigger: T, full: MessageContext): SampleCase[];
}

/**
 * Everything the engine knows about one kind of scheduled trigger. A kind lives in one module
 * (`shared/domain/triggers/<kind>.ts`) and is listed once in the registry: nothing else switches
 * on the trigger type.
 */
export interface TriggerKind<T extends { type: string; sendAt: string }> extends KindSamples<T> {
  type: T['type'];
  /** Strict: a misspelt key in the YAML is an error. */
  schema: z.ZodType<T, unknown>;
  /**
   * The first occurrence on or after `onOrAfter` (a customer-local date), or undefined when
   * there is none (no birth date, no car, the one-off date has passed). Pure.
   */
  nextOccurrence(trigger: T, facts: CustomerFacts, onOrAfter: IsoDate): Occurrence | undefined;
  /**
   * The date of {@link nextOccurrence} as an epoch day, for a kind that finds it cheaper without
   * building the occurrence (its key and facts): the due dates ask only when. Without it, the
   * date of the occurrence found.
   */
  nextOccurrenceDay?(trigger: T, facts: CustomerFacts, onOrAfter: IsoDate): number | undefined;
  /**
   * Every occurrence on `date` where a kind can have several on one day (two cars delivered
   * together each get their welcome pack); without it, the one {@link nextOccurrence} finds.
   */
  occurrencesOn?(trigger: T, facts: CustomerFacts, date: IsoDate): Occurrence[];
  /**
   * What of the customer its occurrences depend on, when that is less than the whole customer:
   * customers with the same answer have the same occurrences on a date (a festival: everyone; a
   * season: the hemisphere), so a plan computes them once per answer instead of per customer.
   */
  sharedBy?(trigger: T, facts: CustomerFacts): string;
  /**
   * True when the occurrences' dates are fixed by the customer alone, not by the date asked
   * from: asked from a later date, up to the occurrence found, {@link nextOccurrence} finds the
   * same date (and none, when there was none). The due dates then keep a customer's next date of
   * the journey until it passes instead of working it out at every move (a service reminder is not
   * fixed before the customer's last visit: it counts from the last service before the date
   * asked from; see {@link fixedDatesFrom}).
   */
  fixedDates?: true;
  /**
   * For a kind whose dates are fixed only when asked from some day on: that day for this customer,
   * undefined when from any day. Without it, {@link fixedDates} holds from any day.
   */
  fixedDatesFrom?(trigger: T, facts: CustomerFacts): IsoDate | undefined;
}
