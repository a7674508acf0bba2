import type { SenderIdentity } from './brand';
import type { CustomerContext, FuelType, Locale } from './customer';
import { ageTurningIn } from './journey/birthday';
import type { IsoDate } from './dates';
import type { FactValue, OccurrenceFacts } from './triggers/kind';

/** The data a template sees. Only what messages need: "minimum necessary" personal data. */
export interface MessageContext {
  locale: Locale;
  /** `interests` are tags (`golf`, `family`): `{% if customer.interests contains "golf" %}` chooses by them. */
  customer: { firstName: string; lastName: string; greetingName: string; interests: string[] };
  /** The age the customer turns in the occurrence's year (their age on a birthday). */
  age: number | null;
  dealer: { name: string; phone: string; email: string };
  /**
   * Who the message comes from: the dealer, or for a brand-sent journey the brand's customer
   * centre. Templates sign with it, so one template text serves either sender.
   */
  sender: { name: string; phone: string; email: string };
  /** The most recently delivered car; `fuel` is null where it is not known. */
  vehicle: { brand: string; model: string; fuel: FuelType | null } | null;
  /** The occurrence's date, and the facts its trigger adds (e.g. `years` of ownership). */
  occurrence: { date: IsoDate; [fact: string]: FactValue };
  /**
   * The customer's one-click unsubscribe link for this message's category (email only; null on
   * other channels): promotional templates put it in the body, beside the List-Unsubscribe header.
   */
  unsubscribeUrl: string | null;
}

const englishTitles = { mr: 'Mr', ms: 'Ms', mx: 'Mx', dr: 'Dr' } as const;
const chineseTitles = { mr: '先生', ms: '女士', dr: '博士' } as const;

/**
 * How a message addresses the customer: "Mr Smith" or "王先生" where a salutation is known, the
 * first name otherwise (a machine "Dear customer" is what dealers told us to avoid).
 */
export function greetingName({ customer }: Pick<CustomerContext, 'customer'>): string {
  const { salutation, firstName, lastName, locale } = customer;
  if (locale === 'zh-CN') {
    if (salutation && salutation in chineseTitles) {
      return `${lastName}${chineseTitles[salutation as keyof typeof chineseTitles]}`;
    }
    return `${lastName}${firstName}`;
  }
  return salutation ? `${englishTitles[salutation]} ${lastName}` : firstName;
}

/** The name on an envelope: the full name, with the title where one is known. */
export function postalName({ customer }: Pick<CustomerContext, 'customer'>): string {
  const { salutation, firstName, lastName, locale } = customer;
  if (locale === 'zh-CN') {
    const title = salutation && salutation in chineseTitles ? chineseTitles[salutation as keyof typeof chineseTitles] : '';
    return `${lastName}${firstName}${title ? ` ${title}` : ''}`;
  }
  return [salutation ? englishTitles[salutation] : undefined, firstName, lastName].filter(Boolean).join(' ');
}

/**
 * The most recently delivered car, the one the owner is most likely to think of as "my car"; of
 * two delivered the same day, the one listed first. One pass: a copy sorted per message cost more.
 */
export function latestVehicle<T extends { deliveredOn: string }>(vehicles: readonly T[]): T | undefined {
  let latest: T | undefined;
  for (const vehicle of vehicles) {
    // ISO dates (the import checks them) order as their text does: no collation (localeCompare) per car.
    if (latest === undefined || vehicle.deliveredOn > latest.deliveredOn) latest = vehicle;
  }
  return latest;
}

/**
 * The context a template renders with. `sender` is who the journey sends as (see `chooseSender`);
 * without one, the customer's dealer.
 */
export function buildMessageContext(
  context: CustomerContext,
  occurrenceDate: IsoDate,
  facts: OccurrenceFacts = {},
  sender?: Pick<SenderIdentity, 'name' | 'phone' | 'email'>,
  unsubscribeUrl?: string,
): MessageContext {
  const { customer, dealer, vehicles } = context;
  const from = sender ?? dealer;
  const latest = latestVehicle(vehicles);
  return {
    locale: customer.locale,
    customer: { firstName: customer.firstName, lastName: customer.lastName, greetingName: greetingName(context), interests: customer.interests ?? [] },
    age: customer.birthDate ? ageTurningIn(customer.birthDate, occurrenceDate) : null,
    dealer: { name: dealer.name, phone: dealer.phone, email: dealer.email },
    sender: { name: from.name, phone: from.phone, email: from.email },
    vehicle: latest ? { brand: latest.brand, model: latest.model, fuel: latest.fuel ?? null } : null,
    occurrence: { ...facts, date: occurrenceDate },
    unsubscribeUrl: unsubscribeUrl ?? null,
  };
}
