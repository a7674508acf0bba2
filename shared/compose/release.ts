import { SQSClient } from '@aws-sdk/client-sqs';
import type { EngineEnv } from '../config/env';
import { createDynamoMessageSchedule } from '../adapters/dynamodb/message-schedule';
import { createSqsDispatchQueue } from '../adapters/sqs/dispatch-queue';
import type { ReleaseDeps } from '../use-cases/release-held-messages';
import { documentClient } from './common';
import { sdkClientOptions } from './timeouts';

/** Adapters of the release: the held messages in the table and the dispatch queue they go on. */
export function composeRelease(env: EngineEnv): Pick<ReleaseDeps, 'schedule' | 'queue'> {
  return {
    schedule: createDynamoMessageSchedule(documentClient(), env.TABLE_NAME),
    queue: createSqsDispatchQueue(new SQSClient(sdkClientOptions()), env.DISPATCH_QUEUE_URL),
  };
}
