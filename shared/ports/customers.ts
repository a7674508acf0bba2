import type { Brand } from '../domain/brand';
import type { CustomerContext, CustomerRecord, Dealer, FieldIssue } from '../domain/customer';
import type { CustomerFacts } from '../domain/customer-facts';

/**
 * A stored record left out of a read because it is not valid. `record` is a pseudonym of the
 * customer id (see `pseudonym` in shared/logging.ts), so the caller can log it as it is.
 */
export interface SkippedRecord {
  record: string;
  issues: FieldIssue[];
}

/** Reads customers with their cars and dealer. */
export interface CustomerDirectory {
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

/** One page of the walk over every stored customer: their facts, the records skipped, where to go on. */
export interface CustomerPage {
  customers: CustomerFacts[];
  /** Customers whose stored items do not parse: left out and counted, the walk goes on. */
  skipped: SkippedRecord[];
  /** Pass it to the next call; undefined once every customer has been listed. */
  cursor: string | undefined;
}

/** Lists every stored customer with what their due dates are computed from (the recompute). */
export interface CustomerListing {
  /** How many customers are stored (for progress; read once per recompute). */
  countCustomers(): Promise<number>;
  /** The next page after `cursor` (undefined: from the start). */
  listCustomers(cursor: string | undefined): Promise<CustomerPage>;
}
