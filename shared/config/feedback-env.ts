import * as z from 'zod';
import { ConfigurationError } from './env';

/**
 * Environment of the feedback function (inbound SMS, SES events, reputation alarms): its own
 * schema, since it sends nothing and needs neither queues nor senders.
 */
export const FeedbackEnv = z
  .object({
    TABLE_NAME: z.string().min(1),
    /** `outbox`: opt-out list changes go to SMS_OPT_OUT_OUTBOX_PATH (local); `aws`: End User Messaging SMS. */
    SMS_MODE: z.enum(['outbox', 'aws']).default('aws'),
    SMS_OPT_OUT_OUTBOX_PATH: z.string().min(1).optional(),
    /** The End User Messaging SMS opt-out list kept in step with STOP and START. */
    SMS_OPT_OUT_LIST: z.string().min(1).default('Default'),
  })
  .refine((env) => env.SMS_MODE !== 'outbox' || env.SMS_OPT_OUT_OUTBOX_PATH, {
    message: 'SMS_OPT_OUT_OUTBOX_PATH is required when SMS_MODE is outbox',
    path: ['SMS_OPT_OUT_OUTBOX_PATH'],
  });
export type FeedbackEnv = z.infer<typeof FeedbackEnv>;

export function readFeedbackEnv(source: NodeJS.ProcessEnv = process.env): FeedbackEnv {
  const parsed = FeedbackEnv.safeParse(source);
  if (!parsed.success) {
    throw new ConfigurationError(`Invalid feedback environment: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`);
  }
  return parsed.data;
}
