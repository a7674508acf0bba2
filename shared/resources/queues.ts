/**
 * The engine's SQS queues, defined once for the CDK stack and the local bootstrap.
 *
 * The dispatch queue carries one message per (occurrence, channel). Its visibility timeout is
 * longer than the dispatch function's timeout (AWS requires at least the function timeout; six
 * times is the recommendation for SQS event sources with batching), and the send lease in the
 * ledger is shorter than the visibility timeout so a retried message can take over a dead lease.
 */
export const dispatchQueue = {
  logicalId: 'DispatchQueue',
  localName: 'dealer-journeys-dispatch',
  visibilityTimeoutSeconds: 180,
  /** Receives before a message moves to the dead-letter queue. */
  maxReceiveCount: 5,
  retentionDays: 4,
  deadLetter: {
    logicalId: 'DispatchDeadLetterQueue',
    localName: 'dealer-journeys-dispatch-dlq',
    retentionDays: 14,
  },
} as const satisfies QueueDefinition;

/** Timeout of the dispatch function; kept here because the queue's visibility depends on it. */
export const dispatchFunctionTimeoutSeconds = 30;

/** How long a claimed send stays reserved before another attempt may take it over. */
export const sendLeaseSeconds = 90;

/** What the infra and the local runtime build a queue and its dead-letter queue from. */
export interface QueueDefinition {
  readonly logicalId: string;
  readonly localName: string;
  readonly visibilityTimeoutSeconds: number;
  readonly maxReceiveCount: number;
  readonly retentionDays: number;
  readonly deadLetter: { readonly logicalId: string; readonly localName: string; readonly retentionDays: number };
}

/**
 * The dealer events queue (`POST /v1/events` to the event consumer): FIFO with the customer as
 * message group, so one customer's events are applied by one invocation at a time. Visibility,
 * receive limit and timeout follow the dispatch queue's reasoning.
 */
export const eventsQueue = {
  logicalId: 'EventsQueue',
  localName: 'dealer-journeys-events.fifo',
  visibilityTimeoutSeconds: 180,
  maxReceiveCount: 5,
  retentionDays: 4,
  deadLetter: {
    logicalId: 'EventsDeadLetterQueue',
    localName: 'dealer-journeys-events-dlq.fifo',
    retentionDays: 14,
  },
} as const satisfies QueueDefinition;

/** Timeout of the event consumer: the events queue's visibility timeout is six times it. */
export const applyEventsFunctionTimeoutSeconds = 30;
