/** How many messages wait in each dead-letter queue (SQS's approximate count). */
export interface QueueDepths {
  depths(): Promise<{ name: string; messages: number }[]>;
}
