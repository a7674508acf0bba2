import * as z from 'zod';
import { Channel, LifecycleStage, Locale } from '../customer';
import { LeapDayRule } from './birthday';

// Every object is strict: a misspelt key (`enabeld: false`) is an error, never silently dropped
// while the journey goes on sending.

/**
 * A local time on the hour. The schedule evaluates journeys once an hour, on the hour: "09:30"
 * would go out at 10:00, and "23:30" never (in whole-hour zones the day's last tick is 23:00).
 */
const hourOfDay = z
  .string()
  .regex(/^([01]\d|2[0-3]):([0-5]\d)$/, { message: 'expected a local time as HH:MM', abort: true })
  .regex(/:00$/, 'expected a whole hour such as "09:00": the schedule runs hourly on the hour, so a time between hours would go out late, or never after 23:00');
const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and dashes, starting with a letter');

/** Fires once a year on the customer's birthday, in the customer's own time zone. */
export const BirthdayTrigger = z.strictObject({
  type: z.literal('birthday'),
  /** Local time (on the hour) from which the greeting may go out on the day. */
  sendAt: hourOfDay.default('09:00'),
  /** Where a 29 February birthday is celebrated in other years. */
  leapDay: z.enum(LeapDayRule).default('feb28'),
});
export type BirthdayTrigger = z.infer<typeof BirthdayTrigger>;

/** Triggers, discriminated on `type`; later kinds (delivery, service due, events) join this union. */
export const Trigger = z.discriminatedUnion('type', [BirthdayTrigger]);
export type Trigger = z.infer<typeof Trigger>;

/** Who a journey may reach; every listed filter must match, an absent filter matches everyone. */
export const Audience = z.strictObject({
  stages: z.array(LifecycleStage).min(1).optional(),
  dealers: z.array(z.string().min(1)).min(1).optional(),
  locales: z.array(Locale).min(1).optional(),
});
export type Audience = z.infer<typeof Audience>;

/** One message a journey occurrence sends, on one channel, from one template. */
export const JourneyMessage = z.strictObject({
  id: identifier,
  channel: Channel,
  /** Name of a file in `journeys/templates/` without `.yaml`. */
  template: identifier,
});
export type JourneyMessage = z.infer<typeof JourneyMessage>;

export const Journey = z
  .strictObject({
    id: identifier,
    name: z.string().min(1),
    description: z.string().optional(),
    enabled: z.boolean().default(true),
    trigger: Trigger,
    audience: Audience.default({}),
    messages: z.array(JourneyMessage).min(1),
  })
  .superRefine((journey, ctx) => {
    const seen = new Set<string>();
    journey.messages.forEach((message, index) => {
      if (seen.has(message.id)) {
        ctx.addIssue({ code: 'custom', path: ['messages', index, 'id'], message: `duplicate message id "${message.id}"` });
      }
      seen.add(message.id);
    });
  });
export type Journey = z.infer<typeof Journey>;

/** Email content per locale; Liquid templates rendered with the message context. */
export const EmailContent = z.strictObject({ subject: z.string().min(1), html: z.string().min(1), text: z.string().min(1) });
export const SmsContent = z.strictObject({ text: z.string().min(1) });
export const PrintContent = z.strictObject({
  headline: z.string().min(1),
  body: z.string().min(1),
  signoff: z.string().min(1),
});

/** Print designs the renderer knows; a design decides the artwork around the text. */
export const PrintDesign = z.enum(['birthday-candles']);
export type PrintDesign = z.infer<typeof PrintDesign>;

const localized = <T extends z.ZodType>(content: T) =>
  z.partialRecord(Locale, content).refine((byLocale) => byLocale.en !== undefined, {
    message: 'an "en" version is required as the fallback locale',
  });

export const Template = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('email'), locales: localized(EmailContent) }),
  z.strictObject({ channel: z.literal('sms'), locales: localized(SmsContent) }),
  z.strictObject({ channel: z.literal('print'), design: PrintDesign, locales: localized(PrintContent) }),
]);
export type Template = z.infer<typeof Template>;
export type EmailContent = z.infer<typeof EmailContent>;
export type SmsContent = z.infer<typeof SmsContent>;
export type PrintContent = z.infer<typeof PrintContent>;
