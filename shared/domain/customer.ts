import * as z from 'zod';
import { CalendarDateString, parseIsoDate, type IsoDate } from './dates';
import { RegionCode } from './calendar/regions';
import type { Complaint, ServiceVisit } from './service-history';
import type { Vehicle } from './vehicle/vehicle';
import type { Suppression } from './suppression';

export { FuelType, Vehicle } from './vehicle/vehicle';

/** Channels the engine dispatches on; `task` is work for the dealer's staff (a call), not a message to the customer. */
export const Channel = z.enum(['email', 'sms', 'print', 'task']);
export type Channel = z.infer<typeof Channel>;

/** The channels that reach the customer, and so need their consent (see {@link canContact}). */
export const ConsentChannel = Channel.exclude(['task']);
export type ConsentChannel = z.infer<typeof ConsentChannel>;

/** Locales with shipped templates. */
export const Locale = z.enum(['en', 'zh-CN']);
export type Locale = z.infer<typeof Locale>;


// Every customer read is validated: remember zones already checked instead of building an
// Intl formatter per item.
const knownTimeZones = new Set<string>();
function isTimeZone(zone: string): boolean {
  if (knownTimeZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
  } catch {
    return false;
  }
  knownTimeZones.add(zone);
  return true;
}

/** IANA time-zone names only: a typo would silently shift every greeting. */
export const TimeZone = z.string().refine(isTimeZone, { message: 'expected an IANA time zone such as Asia/Shanghai' });

/** One channel's consent, kept with where and when it was given or withdrawn. */
export const ConsentRecord = z.object({
  granted: z.boolean(),
  source: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
});
export type ConsentRecord = z.infer<typeof ConsentRecord>;

export const PostalAddress = z.object({
  lines: z.array(z.string().min(1)).min(1).max(4),
  postcode: z.string().min(1),
  city: z.string().min(1),
  country: z.string().length(2),
});
export type PostalAddress = z.infer<typeof PostalAddress>;

export const LifecycleStage = z.enum(['prospect', 'intending-buyer', 'owner', 'loyal-owner', 'ambassador']);
export type LifecycleStage = z.infer<typeof LifecycleStage>;

/** Loyalty programme tiers, lowest first. */
export const LoyaltyTier = z.enum(['standard', 'silver', 'gold', 'exclusive']);
export type LoyaltyTier = z.infer<typeof LoyaltyTier>;

/** Where the customer stands in the loyalty programme, as its system last reported. */
export const Loyalty = z
  .strictObject({
    points: z.int().nonnegative().meta({ description: 'Points balance (1 point per currency unit spent, plus bonuses).' }),
    tier: LoyaltyTier,
  })
  .meta({ description: 'Loyalty programme points and tier.' });
export type Loyalty = z.infer<typeof Loyalty>;

/** An interest, as a tag (`golf`, `family`, `motorsport`): chooses pack contents and offers. */
export const InterestTag = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'expected a lower-case tag such as "golf" or "road-trips"');

export const Customer = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  dealerId: z.string().min(1),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  salutation: z.enum(['mr', 'ms', 'mx', 'dr']).optional(),
  locale: Locale,
  timeZone: TimeZone,
  /** A real calendar date; whether it is plausible on a given day is {@link birthDateIssue}'s call. */
  birthDate: CalendarDateString.optional(),
  stage: LifecycleStage.default('owner'),
  email: z.email().optional(),
  /** E.164, validated with libphonenumber at the edge. */
  phone: z.string().optional(),
  postalAddress: PostalAddress.optional(),
  consent: z.partialRecord(Channel, ConsentRecord).default({}),
  /** Seasons and festivals follow it; the hemisphere comes from its country (`hemisphereOf`). */
  region: RegionCode.optional().meta({ description: 'Where the customer lives: ISO 3166 country ("AU") or subdivision ("AU-NSW"); decides seasons and festivals.' }),
  loyalty: Loyalty.optional(),
  interests: z.array(InterestTag).max(50).optional().meta({ description: 'Interests as tags, for pack contents and offers.' }),
});
export type Customer = z.infer<typeof Customer>;

export const Dealer = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  timeZone: TimeZone,
  phone: z.string().min(1),
  email: z.email(),
  address: PostalAddress,
  brandId: z.string().min(1).optional(),
  /** The dealer's CRM endpoint for tasks (https only: the body carries customer data); none, none posted. */
  crmWebhookUrl: z.url({ protocol: /^https$/, error: 'expected an https:// URL' }).optional(),
});
export type Dealer = z.infer<typeof Dealer>;

/** A customer with everything stored beside the profile: what an import line carries. */
export interface CustomerRecord {
  customer: Customer;
  vehicles: Vehicle[];
  /** Service visits, oldest first. */
  visits: ServiceVisit[];
  complaints: Complaint[];
}

/** What a journey sees of a customer: the profile, cars, visits, complaints and the selling dealer. */
export interface CustomerContext extends CustomerRecord {
  dealer: Dealer;
  /**
   * The customer's suppression list entries (lifted ones included), read with the profile at
   * dispatch; absent where a reader does not need them (planning).
   */
  suppressions?: Suppression[];
}

/**
 * Whether the customer may be contacted on a channel: only an explicit, current grant counts,
 * and the channel must have somewhere to go. A task goes to the dealer's staff, not to the
 * customer, so it needs no consent, only a dealer to do it.
 */
export function canContact(customer: Pick<Customer, 'consent' | 'email' | 'phone' | 'postalAddress' | 'dealerId'>, channel: Channel): boolean {
  // Each channel's grant read by its name: a grant looked up by a key that varies was a third of
  // the planner's own time (consents come in many shapes, and every message of every plan asks).
  switch (channel) {
    case 'task':
      return Boolean(customer.dealerId);
    case 'email':
      return customer.consent.email?.granted === true && customer.email !== undefined;
    case 'sms':
      return customer.consent.sms?.granted === true && customer.phone !== undefined;
    case 'print':
      return customer.consent.print?.granted === true && customer.postalAddress !== undefined;
  }
}

/** Oldest age the engine believes: anything older is a typo in the year, not a customer. */
export const maxAgeYears = 130;

/** Whole years from `birthDate` to `date`. */
export function ageOn(birthDate: IsoDate, date: IsoDate): number {
  const born = parseIsoDate(birthDate);
  const on = parseIsoDate(date);
  const hadBirthday = on.month > born.month || (on.month === born.month && on.day >= born.day);
  return on.year - born.year - (hadBirthday ? 0 : 1);
}

/**
 * Why a birth date cannot belong to a customer on `today`, or undefined when it can. Needs a date,
 * so it is not part of the schema: callers with a clock pass the latest date current anywhere
 * (a customer born today in Auckland is not "in the future" in London).
 */
export function birthDateIssue(birthDate: IsoDate, today: IsoDate): string | undefined {
  if (birthDate > today) return `birth date is after ${today}`;
  if (ageOn(birthDate, today) > maxAgeYears) return `birth date makes the customer older than ${maxAgeYears}`;
  return undefined;
}

/** One thing wrong with a record: the field path (`consent.email.at`) and why, never the value. */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Zod issues as field issues; zod's messages name the expectation, not the input. */
export function fieldIssues(error: z.ZodError, prefix: (string | number)[] = []): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [...prefix, ...issue.path].map(String).join('.') || '(record)',
    message: issue.message,
  }));
}

export type CustomerCheck = { ok: true; customer: Customer } | { ok: false; issues: FieldIssue[] };

/**
 * Checks one customer record (stored or imported) against the schema and `today`: every problem
 * is reported, so one pass tells an importer all that is wrong with a line.
 */
export function checkCustomer(input: unknown, today: IsoDate): CustomerCheck {
  const parsed = Customer.safeParse(input);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  const birthDate = parsed.data.birthDate;
  const dateIssue = birthDate === undefined ? undefined : birthDateIssue(birthDate, today);
  if (dateIssue) return { ok: false, issues: [{ path: 'birthDate', message: dateIssue }] };
  return { ok: true, customer: parsed.data };
}
