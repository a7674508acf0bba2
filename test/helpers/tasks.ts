import type { Task } from '../../shared/domain/task';

/** A task as the dispatcher makes it, for adapter tests. */
export function aTask(overrides: Partial<Task> = {}): Task {
  const base: Task = {
    id: 'ann#post-delivery-call#WBA11AA010CH00001#call',
    dealerId: 'dealer-sydney',
    customerId: 'ann',
    journeyId: 'post-delivery-call',
    occurrenceKey: 'WBA11AA010CH00001',
    messageId: 'call',
    status: 'open',
    occurrenceDate: '2026-03-14',
    dueOn: '2026-03-17',
    urgency: 'normal',
    assignee: 'dealer',
    locale: 'en',
    title: 'Call Ann about their new X3',
    body: 'Ask how they are getting on with the car.',
    createdAt: '2026-03-14T09:00:00.000Z',
  };
  const task = { ...base, ...overrides };
  // The id follows the send's parts unless a test sets it: one send, one task.
  if (!overrides.id) task.id = [task.customerId, task.journeyId, task.occurrenceKey, task.messageId].join('#');
  return task;
}
