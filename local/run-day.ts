/**
 * Drives the handlers the way AWS would: scheduled events from the hourly schedule, and SQS
 * batches from the dispatch queue with partial-batch failure handling, as Lambda's poller does.
 */
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { ticksCoveringDate } from '../shared/domain/schedule-ticks';
import type { EvaluationSummary } from '../shared/use-cases/run-scheduled-evaluation';
import type { ReconcileSummary } from '../shared/use-cases/reconcile-ledger';
import type { ReleaseSummary } from '../shared/use-cases/release-held-messages';
import type { PrintBatchSummary } from '../shared/use-cases/close-print-batches';
import { lambdaContext, scheduledEvent, sqsEvent } from './lambda-events';

export type EvaluateHandler = (event: unknown, context: Context) => Promise<EvaluationSummary>;
export type DispatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
export type ReconcileHandler = (event: unknown, context: Context) => Promise<ReconcileSummary>;
export type ReleaseHandler = (event: unknown, context: Context) => Promise<ReleaseSummary>;
export type ClosePrintBatchesHandler = (event: unknown, context: Context) => Promise<PrintBatchSummary>;

export { lastTickOf, ticksCoveringDate } from '../shared/domain/schedule-ticks';

export async function evaluateDate(
  handler: EvaluateHandler,
  date: string,
  onTick: (index: number, total: number) => void = () => undefined,
  until?: Date,
): Promise<EvaluationSummary[]> {
  const ticks = ticksCoveringDate(date, until);
  const summaries: EvaluationSummary[] = [];
  for (const [index, tick] of ticks.entries()) {
    summaries.push(await handler(scheduledEvent(tick, date), lambdaContext('evaluate-schedule')));
    onTick(index + 1, ticks.length);
  }
  return summaries;
}

export interface DrainResult {
  batches: number;
  delivered: number;
  /** Records the handler reported as failed: left on the queue for redelivery. */
  failed: number;
}

// The dispatcher polls every few seconds in the long-running mode: ask for each ARN once.
const queueArns = new Map<string, Promise<string>>();
function queueArnOf(sqs: SQSClient, queueUrl: string): Promise<string> {
  let arn = queueArns.get(queueUrl);
  if (!arn) {
    arn = sqs
      .send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['QueueArn'] }))
      .then(({ Attributes }) => Attributes!.QueueArn!);
    arn.catch(() => queueArns.delete(queueUrl)); // ask again next time rather than cache a failure
    queueArns.set(queueUrl, arn);
  }
  return arn;
}

/** Receives batches until the queue is empty, invoking the dispatch handler on each. */
export async function drainQueue(
  sqs: SQSClient,
  queueUrl: string,
  handler: DispatchHandler,
  onBatch: (result: DrainResult) => void = () => undefined,
): Promise<DrainResult> {
  const queueArn = await queueArnOf(sqs, queueUrl);
  const result: DrainResult = { batches: 0, delivered: 0, failed: 0 };
  for (;;) {
    const received = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        // local-aws-sqs ignores MessageSystemAttributeNames; the older AttributeNames works in both.
        AttributeNames: ['All'],
      }),
    );
    const messages = received.Messages ?? [];
    if (messages.length === 0) return result;
    let failedIds: Set<string>;
    try {
      const response = await handler(sqsEvent(messages, queueArn), lambdaContext('dispatch-messages'));
      failedIds = new Set((response?.batchItemFailures ?? []).map((failure) => failure.itemIdentifier));
    } catch {
      // As in Lambda: a thrown handler (Powertools throws when every record failed) returns the
      // whole batch to the queue, visible again after the visibility timeout.
      failedIds = new Set(messages.map((message) => message.MessageId!));
    }
    const succeeded = messages.filter((message) => !failedIds.has(message.MessageId!));
    if (succeeded.length > 0) {
      await sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: queueUrl,
          Entries: succeeded.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle! })),
        }),
      );
    }
    result.batches += 1;
    result.delivered += succeeded.length;
    result.failed += failedIds.size;
    onBatch(result);
  }
}

/**
 * Runs the reconciler as its schedule would, at the schedule instant `time` (a replayed date's
 * last tick). `nothingInFlight`: the local queue lives in memory and the data folder admits one
 * process, so before evaluating, or once the queue is drained, nothing can still be on its way:
 * every unfinished message is re-driven at once and every lease released.
 */
export function reconcileLocally(handler: ReconcileHandler, time: Date, nothingInFlight: boolean): Promise<ReconcileSummary> {
  return handler({ ...scheduledEvent(time), detail: { nothingInFlight } }, lambdaContext('reconcile-ledger'));
}


/**
 * Runs the release of held messages as its schedule would at `time`. `replay`: `time` is a
 * replayed instant (`--date`), so only what is due by it is queued, without delay; otherwise
 * (live mode, the real clock) what is due within 15 minutes is queued with SQS delays. A replayed
 * date releases once, at its last tick, before its queue is drained (the queue is drained once,
 * after every tick, so releasing at each tick would send nothing sooner): a message held for
 * 10:07 goes out in a run up to 11:00, never in one that ends at 10:00.
 */
export function releaseLocally(handler: ReleaseHandler, time: Date, { replay }: { replay: boolean }): Promise<ReleaseSummary> {
  return handler({ ...scheduledEvent(time), detail: { replay } }, lambdaContext('release-held-messages'));
}

/** Closes `date`'s print batches as the daily schedule would once the day has ended everywhere. */
export function closePrintBatchesLocally(handler: ClosePrintBatchesHandler, date: string, time: Date): Promise<PrintBatchSummary> {
  return handler(scheduledEvent(time, date), lambdaContext('close-print-batches'));
}
