import type { Brand } from '../domain/brand';
import type { Customer, CustomerContext, CustomerRecord, Dealer, FieldIssue } from '../domain/customer';
import type { IsoDate } from '../domain/dates';

/**
 * A stored record left out of a read because it is not valid. `record` is a pseudonym of the
 * customer id (see `pseudonym` in shared/logging.ts), so the caller can log it as it is.
 */
export interface SkippedRecord {
  record: string;
  issues: FieldIssue[];
}

/** Birthday candidates: the valid profiles, and the ones skipped so one bad item stops no one. */
export interface CandidateRead {
  customers: Customer[];
  skipped: SkippedRecord[];
}

/** Reads customers with their cars and dealer. */
export interface CustomerDirectory {
  /**
   * Customers whose birth date's month-day (`MM-DD`) is one of these, from the birthday index.
   * Each profile is checked on its own, including that its birth date is plausible on `asOf`
   * (the latest date being evaluated); the invalid ones come back in `skipped`.
   */
  findByBirthdayMonthDays(monthDays: string[], asOf: IsoDate): Promise<CandidateRead>;
  /** One customer, or undefined when erased or unknown. Reads the profile consistently. */
  getCustomerContext(customerId: string): Promise<CustomerContext | undefined>;
}

/**
 * Reads brands (their customer centres), for the messages of brand-sent journeys only: a dealer
 * journey never reads one.
 */
export interface BrandDirectory {
  /** The brand, or undefined when none is stored under the id. */
  getBrand(brandId: string): Promise<Brand | undefined>;
}

export type { CustomerRecord };

/** What writing a record did: created, changed, or found it already as given. */
export type SaveOutcome = 'imported' | 'updated' | 'unchanged';

/** Writes customers, dealers and brands (the import); each write compares first, so a re-run changes nothing. */
export interface CustomerStore {
  /** Which of these brand ids are stored. */
  existingBrands(brandIds: string[]): Promise<Set<string>>;
  saveBrands(brands: Brand[]): Promise<SaveOutcome[]>;
  /** Which of these dealer ids are stored. */
  existingDealers(dealerIds: string[]): Promise<Set<string>>;
  saveDealers(dealers: Dealer[]): Promise<SaveOutcome[]>;
  /** Stores each profile and replaces its vehicles, visits and complaints with the given sets; outcomes in input order. */
  saveCustomers(records: CustomerRecord[]): Promise<SaveOutcome[]>;
}
