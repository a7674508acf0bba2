import type { Brand } from '../domain/brand';
import type { Dealer, FieldIssue } from '../domain/customer';
import { customerFacts } from '../domain/customer-facts';
import type { IsoDate } from '../domain/dates';
import { parseImportLine } from '../import/format';
import type { Journey } from '../domain/journey/schema';
import type { CustomerRecord, CustomerStore, SaveOutcome } from '../ports/customers';
import type { DueIndex } from '../ports/due-index';
import type { Tombstones } from '../ports/erasure';
import { fileDueDates } from './file-due-dates';

/** A line left out, with every reason found. */
export interface RejectedLine {
  line: number;
  issues: FieldIssue[];
}

export type OutcomeCounts = Record<SaveOutcome, number>;

export interface ImportSummary {
  /** Non-blank lines read. */
  lines: number;
  customers: OutcomeCounts;
  dealers: OutcomeCounts;
  brands: OutcomeCounts;
  rejected: RejectedLine[];
  /**
   * Dealers of this file that belong to no brand while a journey is sent by the brand (the
   * welcome pack): imported, but their customers' messages of those journeys will fail, so the
   * import says so now rather than leave it to the first send. Known only with `dueDates`.
   */
  dealersWithoutBrand: { dealerId: string; line: number; journeys: string[] }[];
  /**
   * Lines of customers erased through the API (a tombstone is stored): skipped, so an old export
   * cannot bring them back. Not an error of the file: counted apart from `rejected`.
   */
  erased: number[];
}

export interface ImportDeps {
  store: CustomerStore;
  /** Called after each batch written, with the lines read so far. */
  onProgress?: (linesRead: number) => void;
  /**
   * Where saved customers are filed under their next due date with these journeys. Without it the
   * import writes customers only (and their entries wait for the recompute).
   */
  dueDates?: { journeys: readonly Journey[]; dueIndex: DueIndex };
  /** Erased customers (their tombstones): their lines are skipped. Without it nothing is checked (unit tests of other rules). */
  tombstones?: Tombstones;
}

/** Writes are grouped: one read and one BatchWrite round per group instead of one per line. */
const batchSize = 25;

/**
 * Imports customers, dealers and brands from JSON Lines (format: `shared/import/format.ts`). Good lines
 * are written, bad ones rejected with line number, field path and reason; nothing stops at the
 * first bad line. Writing compares with what is stored, so importing the same file again changes
 * nothing and counts every line `unchanged`.
 *
 * A customer's dealer (and a dealer's brand) must be stored already or come on an earlier line of the same file: the
 * file is read once, as a stream, so files of any size fit in memory (ids aside).
 *
 * @param today the latest date current anywhere, for birth dates in the future.
 */
export async function importCustomers(lines: AsyncIterable<string>, today: IsoDate, { store, onProgress = () => undefined, dueDates, tombstones }: ImportDeps): Promise<ImportSummary> {
  const summary: ImportSummary = { lines: 0, customers: counts(), dealers: counts(), brands: counts(), rejected: [], dealersWithoutBrand: [], erased: [] };
  const brandSent = (dueDates?.journeys ?? []).filter((journey) => journey.enabled && journey.sender === 'brand').map((journey) => journey.id);
  const firstLineOfCustomer = new Map<string, number>();
  const firstLineOfDealer = new Map<string, number>();
  const dealerKnown = new Map<string, boolean>();
  const firstLineOfBrand = new Map<string, number>();
  const brandKnown = new Map<string, boolean>();
  // Countries of the dealers in this file: a customer without an address takes their dealer's
  // hemisphere for seasons. Dealers stored by an earlier import are not read for it.
  const dealerCountries = new Map<string, string>();
  let brands: Brand[] = [];
  let dealers: Dealer[] = [];
  let customers: CustomerRecord[] = [];

  const flush = async () => {
    // Brands, then dealers, then customers: each may point at one of the kind before.
    if (brands.length > 0) tally(summary.brands, await store.saveBrands(brands));
    if (dealers.length > 0) tally(summary.dealers, await store.saveDealers(dealers));
    if (customers.length > 0 && tombstones) {
      const erased = await tombstones.erasedAmong(customers.map((record) => record.customer.id));
      for (const id of erased) summary.erased.push(firstLineOfCustomer.get(id)!);
      customers = customers.filter((record) => !erased.has(record.customer.id));
    }
    if (customers.length > 0) tally(summary.customers, await store.saveCustomers(customers));
    // After saving: an entry never points at a customer that is not stored.
    if (customers.length > 0 && dueDates) {
      const facts = customers.map((record) => customerFacts(record, dealerCountries.get(record.customer.dealerId)));
      await fileDueDates(facts, dueDates.journeys, today, dueDates.dueIndex);
    }
    brands = [];
    dealers = [];
    customers = [];
    onProgress(summary.lines);
  };
  const reject = (line: number, issues: FieldIssue[]) => summary.rejected.push({ line, issues });

  let lineNumber = 0;
  for await (const text of lines) {
    lineNumber += 1;
    if (text.trim() === '') continue;
    summary.lines += 1;
    const parsed = parseImportLine(text, today);
    if (!parsed.ok) {
      reject(lineNumber, parsed.issues);
      continue;
    }
    if ('brand' in parsed.line) {
      const { brand } = parsed.line;
      const first = firstLineOfBrand.get(brand.id);
      if (first !== undefined) {
        reject(lineNumber, [{ path: 'brand.id', message: `duplicate brand id, first on line ${first}` }]);
        continue;
      }
      firstLineOfBrand.set(brand.id, lineNumber);
      brandKnown.set(brand.id, true);
      brands.push(brand);
    } else if ('dealer' in parsed.line) {
      const { dealer } = parsed.line;
      const first = firstLineOfDealer.get(dealer.id);
      if (first !== undefined) {
        reject(lineNumber, [{ path: 'dealer.id', message: `duplicate dealer id, first on line ${first}` }]);
        continue;
      }
      // Caught here rather than at dispatch, where every brand-sent message of the dealer's
      // customers would fail for it.
      if (dealer.brandId !== undefined) {
        if (!brandKnown.has(dealer.brandId)) brandKnown.set(dealer.brandId, (await store.existingBrands([dealer.brandId])).has(dealer.brandId));
        if (!brandKnown.get(dealer.brandId)) {
          reject(lineNumber, [{ path: 'dealer.brandId', message: 'unknown brand: not stored and not on an earlier line of this file' }]);
          continue;
        }
      }
      firstLineOfDealer.set(dealer.id, lineNumber);
      if (dealer.brandId === undefined && brandSent.length > 0) summary.dealersWithoutBrand.push({ dealerId: dealer.id, line: lineNumber, journeys: brandSent });
      dealerKnown.set(dealer.id, true);
      dealerCountries.set(dealer.id, dealer.address.country);
      dealers.push(dealer);
    } else {
      const { customer, vehicles, visits, complaints } = parsed.line;
      const first = firstLineOfCustomer.get(customer.id);
      if (first !== undefined) {
        reject(lineNumber, [{ path: 'customer.id', message: `duplicate customer id, first on line ${first}` }]);
        continue;
      }
      if (!dealerKnown.has(customer.dealerId)) {
        dealerKnown.set(customer.dealerId, (await store.existingDealers([customer.dealerId])).has(customer.dealerId));
      }
      if (!dealerKnown.get(customer.dealerId)) {
        reject(lineNumber, [{ path: 'customer.dealerId', message: 'unknown dealer: not stored and not on an earlier line of this file' }]);
        continue;
      }
      firstLineOfCustomer.set(customer.id, lineNumber);
      customers.push({ customer, vehicles, visits, complaints });
    }
    if (brands.length + dealers.length + customers.length >= batchSize) await flush();
  }
  await flush();
  return summary;
}

function counts(): OutcomeCounts {
  return { imported: 0, updated: 0, unchanged: 0 };
}

function tally(into: OutcomeCounts, outcomes: SaveOutcome[]): void {
  for (const outcome of outcomes) into[outcome] += 1;
}
