import type { z } from 'zod';
import type { Customer } from '../customer';
import type { IsoDate } from '../dates';
import type { DealerEvent, EventOf, EventType } from '../events/event';
import type { AppliedVersions } from '../events/state';
import type { KindSamples, OccurrenceFacts } from './kind';

/**
 * An event just applied to a customer, with the customer's state after it. Kinds plan from the
 * state, not the event alone, so a replayed or late older event plans what the newest one says
 * (an old booking arriving after its reschedule plans the new start).
 */
export interface EventStart<E extends DealerEvent = DealerEvent> {
  event: E;
  versions: AppliedVersions;
  customer: Customer;
}

/** One occurrence an event starts; its steps go out at hour offsets from `at`. */
export interface EventOccurrence {
  /** Identifies it within the journey for one customer (the appointment and its start). */
  key: string;
  /** UTC instant (ISO-8601) the steps' `offsetHours` count from: the appointment's start, the event's time. */
  at: string;
  /** The customer-local date it belongs to (a task's due date counts from it). */
  date: IsoDate;
  facts: OccurrenceFacts;
  /**
   * A step whose time has passed when the event is applied is still sent, at once, until this
   * instant; without it, such a step is dropped (a reminder for an hour already past).
   */
  sendLateUntil?: string;
  /** UTC instant after which none of its steps may go out, even one deferred or held (an appointment's start). */
  validUntil?: string;
  /** Another customer it is for (the referred side of a referral); the event's customer otherwise. */
  recipientId?: string;
}

/**
 * A trigger started by dealer events, in one module like the scheduled kinds and listed in the
 * registry. The scheduled planner and the due index never see it.
 */
export interface EventTriggerKind<T extends { type: string }, E extends EventType = EventType> extends KindSamples<T> {
  type: T['type'];
  /** Strict: a misspelt key in the YAML is an error. */
  schema: z.ZodType<T, unknown>;
  /** The event types that start it. */
  startedBy: readonly E[];
  /** Why its steps wait when they are held for later (shown in the customer's history). */
  holdReason: string;
  /** What the customer's state after the event calls for: none when it was cancelled. Pure. */
  occurrences(trigger: T, start: EventStart<EventOf<E>>): EventOccurrence[];
  /**
   * The prefix of the occurrence keys the event is about (`AP-1@`: every start the appointment
   * had). Held steps under it that the new plan no longer has are dropped: a moved appointment's
   * old reminders, a cancelled one's.
   */
  concerns?(trigger: T, event: EventOf<E>): string;
}

/** An instant as the UTC ISO-8601 string kinds key and compare by. */
export const utcInstant = (instant: string | number | Date): string => new Date(instant).toISOString();

export const hoursAfter = (instant: string, hours: number): string => utcInstant(Date.parse(instant) + hours * 3_600_000);
