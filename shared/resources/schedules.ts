/**
 * How often held messages are released (`functions/release-held-messages`), for the CDK schedule
 * and the local runtime's timer alike. Each run queues what is due within SQS's 15-minute delay,
 * so every held message is seen by three runs before it is due (the reasoning is at the schedule
 * in `infra/engine-stack.ts`).
 */
export const releaseIntervalMinutes = 5;
