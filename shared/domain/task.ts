import * as z from 'zod';
import { Locale } from './customer';
import { addDays, IsoDateString } from './dates';
import { dispatchMessageId, type DispatchMessage } from './dispatch-message';
import type { RenderedMessage } from './render';

/** `open` until the dealer's staff mark it done (through the API or their CRM). */
export const TaskStatus = z.enum(['open', 'done']);
export type TaskStatus = z.infer<typeof TaskStatus>;

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
  /** Done by this day: the occurrence date plus the template's `dueInDays`. */
  dueOn: IsoDateString,
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
    dueOn: addDays(message.occurrenceDate, rendered.dueInDays),
    locale: rendered.locale,
    title: rendered.title,
    body: rendered.body,
    createdAt: now.toISOString(),
  };
}
