import type { SQSClient, SQSClientConfig } from '@aws-sdk/client-sqs';
import { loadOnce, type ClientSource } from '../load-once';

/**
 * The SQS SDK loaded on the first message queued (a dynamic import the bundler leaves to the
 * runtime): most hourly evaluations find nobody due (messages go out at a local hour, in a few
 * time zones) and most API requests post no event, so their cold starts do not load it.
 */
export function lazySqsClient(config: SQSClientConfig): ClientSource<SQSClient> {
  return loadOnce(async () => new (await import('@aws-sdk/client-sqs')).SQSClient(config));
}
