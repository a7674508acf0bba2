/**
 * Drives the handlers the way AWS would: scheduled events from the hourly schedule, and SQS
 * batches from the dispatch queue with partial-batch failure handling, as Lambda's poller does.
 */
import { DeleteMessageBatchCommand, GetQueueAttributesCommand, ReceiveMessageCommand, type SQSClient } from '@aws-sdk/client-sqs';
import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { addDays } from '../shared/domain/dates';
import type { EvaluationSummary } from '../shared/use-cases/run-scheduled-evaluation';
import type { ReconcileSummary } from '../shared/use-cases/reconcile-ledger';
import type { ReleaseSummary } from '../shared/use-cases/release-held-messages';
import { lambdaContext, scheduledEvent, sqsEvent } from './lambda-events';

export type EvaluateHandler = (event: unknown, context: Context) => Promise<EvaluationSummary>;
export type DispatchHandler = (event: SQSEvent, context: Context) => Promise<SQSBatchResponse>;
export type ReconcileHandler = (event: unknown, context: Context) => Promise<ReconcileSummary>;
export type ReleaseHandler = (event: unknown, context: Context) => Promise<ReleaseSummary>;

const hour = 3_600_000;

/**
 * The schedule's ticks that fall on `date` somewhere: from 00:00 at UTC+14 to 23:00 at UTC-12.
 * Each tick evaluates only occurrences on `date` in the customer's own zone.
 */
export function ticksCoveringDate(date: string, until?: Date): Date[] {
  const first = new Date(`${addDays(date, -1)}T10:00:00Z`).getTime();
  const last = Math.min(new Date(`${addDays(date, 1)}T11:00:00Z`).getTime(), until?.getTime() ?? Infinity);
  const ticks: Date[] = [];
  for (let time = first; time <= last; time += hour) ticks.push(new Date(time));
  return ticks;
}

/**
 * Runs the date's ticks. With `release`, each tick first releases the held messages due by it
 * (a replay: its clock is not the real one, so nothing is queued ahead with a delay): a message
 * held for 10:07 is queued at the 11:00 tick, never before its instant.
 */
export async function evaluateDate(
  handler: EvaluateHandler,
  date: string,
  onTick: (index: number, total: number) => void = () => undefined,
  until?: Date,
  release?: ReleaseHandler,
): Promise<EvaluationSummary[]> {
  const ticks = ticksCoveringDate(date, until);
  const summaries: EvaluationSummary[] = [];
  for (const [index, tick] of ticks.entries()) {
    if (release) await releaseLocally(release, tick, { replay: true });
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

/** The schedule instant a run of `date` ends at: its last tick (or `until`, for today's run). */
export function lastTickOf(date: string, until?: Date): Date {
  return ticksCoveringDate(date, until).at(-1) ?? until ?? new Date(`${date}T00:00:00Z`);
}

/**
 * Runs the release of held messages as its schedule would at `time`. `replay`: `time` is a
 * replayed instant (`--date`), so only what is due by it is queued, without delay; otherwise
 * (live mode, the real clock) what is due within 15 minutes is queued with SQS delays.
 */
export function releaseLocally(handler: ReleaseHandler, time: Date, { replay }: { replay: boolean }): Promise<ReleaseSummary> {
  return handler({ ...scheduledEvent(time), detail: { replay } }, lambdaContext('release-held-messages'));
}
