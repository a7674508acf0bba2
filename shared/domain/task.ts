import * as z from 'zod';
import { Locale } from './customer';
import { addDays, addWorkingDays, IsoDateString, type IsoDate } from './dates';
import { dispatchMessageId, type DispatchMessage } from './dispatch-message';
import type { RenderedMessage } from './render';

/** `open` until the dealer's staff mark it done (through the API or their CRM). */
export const TaskStatus = z.enum(['open', 'done']);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** How soon staff should act: a survey's lowest scores are `high`. */
export const TaskUrgency = z.enum(['high', 'normal']);
export type TaskUrgency = z.infer<typeof TaskUrgency>;

/**
 * Who does it: the dealer's staff, or the brand's customer centre (a survey's lowest scores).
 * Either way the task is listed under the customer's dealer, where a brand lists its tasks.
 */
export const TaskAssignee = z.enum(['dealer', 'brand']);
export type TaskAssignee = z.infer<typeof TaskAssignee>;

/**
 * Work for a dealer's staff that a journey created (a post-delivery call, a churn-risk follow-up).
 * One per send: its id is the send's id, so a redelivered message finds the task it made.
 */
export const Task = z.object({
  id: z.string().min(1),
  dealerId: z.string().min(1),
  customerId: z.string().min(1),
  journeyId: z.string().min(1),
  occurrenceKey: z.string().min(1),
  messageId: z.string().min(1),
  status: TaskStatus,
  /** The day the journey fired (customer-local). */
  occurrenceDate: IsoDateString,
  /** Done by this day: the occurrence date plus the template's `dueInDays` (working days where it says so). */
  dueOn: IsoDateString,
  /** Absent on tasks written before tasks had it: `normal`. */
  urgency: TaskUrgency.default('normal'),
  /** Absent on tasks written before tasks had it: `dealer`. */
  assignee: TaskAssignee.default('dealer'),
  /** The language the title and body were rendered in (the customer's, for the call). */
  locale: Locale,
  title: z.string().min(1),
  body: z.string().min(1),
  createdAt: z.iso.datetime(),
});
export type Task = z.infer<typeof Task>;

/** The task a rendered task template makes for one dispatched message. */
export function taskOf(
  message: DispatchMessage,
  rendered: Extract<RenderedMessage, { channel: 'task' }>,
  dealerId: string,
  now: Date,
): Task {
  return {
    id: dispatchMessageId(message),
    dealerId,
    customerId: message.customerId,
    journeyId: message.journeyId,
    occurrenceKey: message.occurrenceKey,
    messageId: message.messageId,
    status: 'open',
    occurrenceDate: message.occurrenceDate,
    dueOn: taskDueOn(message.occurrenceDate, rendered),
    ...taskRoutingOf(message.facts),
    locale: rendered.locale,
    title: rendered.title,
    body: rendered.body,
    createdAt: now.toISOString(),
  };
}

/** The day a task is due: its occurrence's date plus the template's `dueInDays`, in working days where it says so. */
export function taskDueOn(occurrenceDate: IsoDate, { dueInDays, workingDays }: Pick<Extract<RenderedMessage, { channel: 'task' }>, 'dueInDays' | 'workingDays'>): IsoDate {
  return workingDays ? addWorkingDays(occurrenceDate, dueInDays) : addDays(occurrenceDate, dueInDays);
}

/**
 * Urgency and assignee of a task, from its occurrence's facts (`urgency`, `assignee`: what a
 * trigger such as the survey answer grades); a task without them is `normal`, for the dealer.
 */
export function taskRoutingOf(facts: DispatchMessage['facts']): { urgency: TaskUrgency; assignee: TaskAssignee } {
  const urgency = TaskUrgency.safeParse(facts?.urgency);
  const assignee = TaskAssignee.safeParse(facts?.assignee);
  return { urgency: urgency.success ? urgency.data : 'normal', assignee: assignee.success ? assignee.data : 'dealer' };
}
