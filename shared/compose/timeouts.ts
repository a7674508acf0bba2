/**
 * Every wait on something outside the process, in one place. Without them an endpoint that
 * accepts a connection and never answers holds a dispatch until the function is killed (and
 * forever in the long-running local dispatcher).
 *
 * The budget is set by the dispatch function's timeout (`dispatchFunctionTimeoutSeconds` in
 * shared/resources/queues.ts, 30 s; test/unit/adapters/sdk-timeouts.test.ts ties the two): one
 * SDK call that hangs must give up, with its own retries, well inside it, so the record fails
 * alone and is redelivered by SQS while the rest of the batch is reported, and there is still
 * time for the claim, the customer read and the outcome write around it.
 * Worst case for one call: {@link sdkMaxAttempts} × {@link sdkRequestTimeoutMs} plus the SDK's
 * backoff between attempts (under 1 s at three attempts), about 10 s, a third of the function timeout.
 */
export const sdkConnectionTimeoutMs = 1_000;

/** Whole request, connection included; SES, SMS, S3 and DynamoDB answer in well under a second. */
export const sdkRequestTimeoutMs = 3_000;

/** The SDK default: a throttled or timed-out call is tried twice more before it is our error. */
export const sdkMaxAttempts = 3;

/** A local sink (SMS outbox file, print folder) is a disk write: seconds mean a stuck mount. */
export const localSinkTimeoutMs = 3_000;

/**
 * Options every SDK client is created with. `throwOnRequestTimeout` matters: without it the
 * request timeout of @smithy/node-http-handler only logs a warning and the call goes on waiting.
 */
export function sdkClientOptions() {
  return {
    maxAttempts: sdkMaxAttempts,
    requestHandler: { connectionTimeout: sdkConnectionTimeoutMs, requestTimeout: sdkRequestTimeoutMs, throwOnRequestTimeout: true },
  };
}

/**
 * A dealer's CRM answering a task webhook, connection included: a third of what is left of the
 * dispatch function's timeout after the SDK calls around it; a slow CRM is retried, not waited for.
 */
export const webhookTimeoutMs = 5_000;
