import * as z from 'zod';
import { RegionCode } from '../calendar/regions';
import { Channel, InterestTag, LifecycleStage, Locale, LoyaltyTier } from '../customer';
import { isEventTrigger, JourneyTrigger, Trigger, type EventTrigger } from '../triggers/registry';
import { JourneySender } from '../brand';
import { JourneyCategory } from './category';
import { SendingWindow } from '../policies/quiet-hours';

// Every object is strict: a misspelt key (`enabeld: false`) is an error, never silently dropped
// while the journey goes on sending.

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,62}$/, 'expected lower-case letters, digits and dashes, starting with a letter');

/** Triggers, one kind per module under `shared/domain/triggers/`: scheduled (`Trigger`) or started by events. */
export { JourneyTrigger, Trigger };

/**
 * Who a journey may reach; every listed filter must match, an absent filter matches everyone.
 * Within one filter any listed value matches.
 */
export const Audience = z.strictObject({
  stages: z.array(LifecycleStage).min(1).optional(),
  dealers: z.array(z.string().min(1)).min(1).optional(),
  locales: z.array(Locale).min(1).optional(),
  /** Loyalty tiers; a customer without loyalty data matches none. */
  loyaltyTiers: z.array(LoyaltyTier).min(1).optional(),
  /** ISO 3166 regions: a country (`AU`) takes in its subdivisions (`AU-NSW`); a subdivision only itself. */
  regions: z.array(RegionCode).min(1).optional(),
  /** Interest tags: customers with any of them. */
  interests: z.array(InterestTag).min(1).optional(),
  /** Brands (any of the customer's cars), compared without regard to case. */
  brands: z.array(z.string().trim().min(1)).min(1).optional(),
  /** Models (any of the customer's cars), compared without regard to case. */
  models: z.array(z.string().trim().min(1)).min(1).optional(),
});
export type Audience = z.infer<typeof Audience>;

/** One message a journey occurrence sends, on one channel, from one template, on a day relative to it. */
export const JourneyStep = z.strictObject({
  id: identifier,
  channel: Channel,
  /** Name of a file in `journeys/templates/` without `.yaml`. */
  template: identifier,
  /**
   * Days from the occurrence's date to the day this step goes out: -3 mails a card three days
   * ahead so it arrives on the day; 0 (the default) sends on the day.
   */
  offsetDays: z.number().int().min(-60).max(60).default(0),
  /**
   * Where the step goes when the customer cannot be reached on its channel (no consent, no
   * number): `{ channel: email, template: <an email template> }` on an SMS step. Taken at
   * dispatch, on consent as it is then; the history records the send on the fallback's channel
   * and says so.
   */
  fallback: z.strictObject({ channel: Channel.exclude(['task']), template: identifier }).optional(),
  /**
   * Journeys started by an event only: hours from the occurrence's instant to the step (-24 a
   * day before the appointment's start; 2 two hours after the event). 0 (the default) is the
   * instant itself.
   */
  offsetHours: z.number().int().min(-720).max(720).optional(),
}).refine((step) => step.fallback === undefined || step.fallback.channel !== step.channel, {
  path: ['fallback', 'channel'],
  message: "a fallback goes by another channel than the step's",
});
export type JourneyStep = z.infer<typeof JourneyStep>;

// In a module of its own so the API bundle (unsubscribe links name a category) does not pull in
// the journey schema and every trigger kind with it.
export { JourneyCategory };

export const Journey = z
  .strictObject({
    id: identifier,
    name: z.string().min(1),
    description: z.string().optional(),
    enabled: z.boolean().default(true),
    trigger: JourneyTrigger,
    audience: Audience.default({}),
    category: JourneyCategory.default('promotional'),
    /**
     * Which journey goes first when several fall due for a customer on one day and a cap lets
     * only some through: the lower number wins (1 before 10).
     */
    priority: z.number().int().min(1).max(1000).default(100),
    steps: z.array(JourneyStep).min(1),
    /**
     * Who the messages come from: the customer's `dealer`, or the dealer's `brand` (its customer
     * centre: From its email address, its return address on print, `sender` in templates).
     */
    sender: JourneySender.default('dealer'),
    /**
     * The journey's own sending windows per channel, in the customer's local time, over the
     * defaults (SMS 09:00-20:00, email, print and tasks none): `{ sms: "10:00-19:00" }`, or
     * `none`. Outside them a send is deferred to the next opening, never dropped.
     */
    quietHours: z.partialRecord(Channel, SendingWindow).optional(),
  })
  .superRefine((journey, ctx) => {
    const seen = new Set<string>();
    journey.steps.forEach((step, index) => {
      if (seen.has(step.id)) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'id'], message: `duplicate step id "${step.id}"` });
      }
      seen.add(step.id);
      // Days count from a scheduled occurrence's date, hours from an event's instant: each kind has one.
      if (isEventTrigger(journey.trigger) && step.offsetDays !== 0) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'offsetDays'], message: 'a journey started by an event times its steps with offsetHours' });
      }
      if (!isEventTrigger(journey.trigger) && step.offsetHours !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['steps', index, 'offsetHours'], message: 'offsetHours is for journeys started by an event; a scheduled journey uses offsetDays' });
      }
    });
  });
export type Journey = z.infer<typeof Journey>;

/** A journey the hourly schedule plans (through the due index). */
export type ScheduledJourney = Journey & { trigger: Trigger };
/** A journey started by dealer events (`startEventJourneys`). */
export type EventJourney = Journey & { trigger: EventTrigger };

/** The journeys the schedule plans: those started by events are left to the event consumer. */
export const scheduledJourneys = (journeys: readonly Journey[]): ScheduledJourney[] => journeys.filter((journey): journey is ScheduledJourney => !isEventTrigger(journey.trigger));
/** The journeys started by dealer events. */
export const eventJourneys = (journeys: readonly Journey[]): EventJourney[] => journeys.filter((journey): journey is EventJourney => isEventTrigger(journey.trigger));

/** Email content per locale; Liquid templates rendered with the message context. */
export const EmailContent = z.strictObject({ subject: z.string().min(1), html: z.string().min(1), text: z.string().min(1) });
export const SmsContent = z.strictObject({ text: z.string().min(1) });
export const PrintContent = z.strictObject({
  headline: z.string().min(1),
  body: z.string().min(1),
  signoff: z.string().min(1),
  /**
   * The welcome letter's list (the pack's contents): each line the template renders to is one
   * item, blank lines dropped, so `{% if %}` around a line chooses it per customer.
   */
  items: z.string().min(1).optional(),
  /** The welcome letter's invitation (to the owner programme), set apart below the list. */
  invitation: z.string().min(1).optional(),
});

/** A task for the dealer's staff (a call to make): a short title and what to do, for a CRM or the task list. */
export const TaskContent = z.strictObject({ title: z.string().min(1).max(200), body: z.string().min(1) });

/** Print designs the renderer knows; a design decides the artwork around the text. */
export const PrintDesign = z.enum(['birthday-candles', 'welcome-letter']);
export type PrintDesign = z.infer<typeof PrintDesign>;

/** The optional print fields each design draws: a field a design does not draw would be lost, so it is an error. */
const printFieldsOf: Record<PrintDesign, readonly ('items' | 'invitation')[]> = {
  'birthday-candles': [],
  'welcome-letter': ['items', 'invitation'],
};

/** A print template gives, in every locale, exactly the optional fields its design draws. */
function checkPrintFields(template: { design: PrintDesign; locales: Partial<Record<string, PrintContent>> }, ctx: z.RefinementCtx): void {
  const drawn = printFieldsOf[template.design];
  for (const [locale, content] of Object.entries(template.locales)) {
    for (const field of ['items', 'invitation'] as const) {
      if (drawn.includes(field) && content?.[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: ['locales', locale], message: `the ${template.design} design needs "${field}"` });
      } else if (!drawn.includes(field) && content?.[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['locales', locale, field], message: `the ${template.design} design does not draw "${field}"` });
      }
    }
  }
}

const localized = <T extends z.ZodType>(content: T) =>
  z.partialRecord(Locale, content).refine((byLocale) => byLocale.en !== undefined, {
    message: 'an "en" version is required as the fallback locale',
  });

export const Template = z.discriminatedUnion('channel', [
  z.strictObject({ channel: z.literal('email'), locales: localized(EmailContent) }),
  z.strictObject({ channel: z.literal('sms'), locales: localized(SmsContent) }),
  z.strictObject({ channel: z.literal('print'), design: PrintDesign, locales: localized(PrintContent) }).superRefine(checkPrintFields),
  z.strictObject({
    channel: z.literal('task'),
    /** Days after the occurrence date by which the task should be done (its due date). */
    dueInDays: z.number().int().min(0).max(365).default(3),
    /** Counts `dueInDays` in working days (Monday to Friday): a callback due within 3 working days skips the weekend. */
    workingDays: z.boolean().default(false),
    locales: localized(TaskContent),
  }),
]);
export type Template = z.infer<typeof Template>;
export type EmailContent = z.infer<typeof EmailContent>;
export type SmsContent = z.infer<typeof SmsContent>;
export type PrintContent = z.infer<typeof PrintContent>;
export type TaskContent = z.infer<typeof TaskContent>;
