import * as z from 'zod';

const Recipient = z.object({ emailAddress: z.string().min(1) });

/**
 * The part of an SES email event (configuration-set event publishing, through SNS) the engine
 * reads. Identity notifications name the type `notificationType` and carry no tags, so only
 * configuration-set events can be tied to a send.
 */
export const SesEvent = z.object({
  eventType: z.string().optional(),
  notificationType: z.string().optional(),
  mail: z.object({
    messageId: z.string().min(1),
    timestamp: z.string().min(1),
    /** Tag name to values; ours are single-valued. */
    tags: z.record(z.string(), z.array(z.string())).optional(),
  }),
  bounce: z
    .object({ bounceType: z.string(), bounceSubType: z.string().optional(), bouncedRecipients: z.array(Recipient), timestamp: z.string().min(1) })
    .optional(),
  complaint: z
    .object({ complainedRecipients: z.array(Recipient), timestamp: z.string().min(1), complaintFeedbackType: z.string().optional() })
    .optional(),
  delivery: z.object({ timestamp: z.string().min(1) }).optional(),
});
export type SesEvent = z.infer<typeof SesEvent>;
