import type { Locale } from '../domain/customer';

/** The secret unsubscribe tokens are signed with (a generated file locally, Secrets Manager in AWS). */
export interface SigningKey {
  signingKey(): Promise<string>;
}

/** The customer's language, for the confirmation page; undefined when the customer is not stored. */
export interface CustomerLocales {
  localeOf(customerId: string): Promise<Locale | undefined>;
}
