import { isDeepStrictEqual } from 'node:util';
import type { Brand } from '../../domain/brand';
import type { CustomerContext, CustomerRecord, Dealer } from '../../domain/customer';
import { customerFacts } from '../../domain/customer-facts';
import { CorruptItemError } from '../../domain/errors';
import type { BrandDirectory, CustomerDirectory, CustomerListing, CustomerStore, SaveOutcome } from '../../ports/customers';
import type { SuppressionList } from '../../ports/suppression';
import { deepFrozen, frozenCopy } from './frozen-copy';

/** What the memory customer base starts with (tests and `simulate` seed it without an import). */
export interface MemoryCustomerSeed {
  brands?: readonly Brand[];
  dealers?: readonly Dealer[];
  customers?: readonly CustomerRecord[];
}

export interface MemoryCustomerBase {
  store: CustomerStore;
  directory: CustomerDirectory;
  listing: CustomerListing;
  brands: BrandDirectory;
  /** How many customers are stored (for progress and checks). */
  size(): number;
  /** The stored customer's dealer and time zone, read without a copy (the simulation's outcomes). */
  profileOf(customerId: string): { dealerId: string; timeZone: string } | undefined;
  /** Everything stored, in the order first stored, without copies (the simulation's groups are taken from it). */
  contents(): { brands: Brand[]; dealers: Dealer[]; customers: CustomerRecord[] };
}

/** Customers a page of the listing holds, as the DynamoDB listing's pages hold a few hundred. */
const listingPageSize = 200;

/**
 * Brands, dealers and customers in memory, with the DynamoDB adapters' rules (the contract suite
 * runs both): saves compare first (`imported`, `updated`, `unchanged`), a customer record
 * replaces the stored one whole, a customer's dealer must be stored for its context to be read,
 * and the listing pages through every customer with its facts. Suppressions are read from
 * `suppressions` with the profile, as the DynamoDB directory reads them in the same Query.
 * `simulate` runs the engine on it; unit tests of the use cases use it too.
 *
 * Reads give copies, as a read from the table does. `frozen` (simulate, with a hundred thousand
 * customers) stores each record deep-frozen with its strings interned (`frozenCopy`) and reads
 * give what is stored: a reader that tried to change it would throw rather than change it.
 * `frozen: 'in-place'` stores the records saved themselves, frozen in place (`deepFrozen`), for
 * a caller that hands them over: the simulation's groups, whose records nobody else changes.
 */
export function createMemoryCustomerBase(
  seed: MemoryCustomerSeed = {},
  { suppressions, frozen = false }: { suppressions?: SuppressionList; frozen?: boolean | 'in-place' } = {},
): MemoryCustomerBase {
  const brands = new Map<string, Brand>();
  const dealers = new Map<string, Dealer>();
  const customers = new Map<string, CustomerRecord>();
  const strings = new Map<string, string>();
  const stored = <T>(value: T): T => (frozen === 'in-place' ? deepFrozen(value) : frozen ? frozenCopy(value, strings) : structuredClone(value));
  const read = <T>(value: T): T => (frozen ? value : structuredClone(value));

  const saveInto = <T>(map: Map<string, T>, id: string, value: T): SaveOutcome => {
    const before = map.get(id);
    if (before !== undefined && isDeepStrictEqual(before, value)) return 'unchanged';
    map.set(id, stored(value));
    return before === undefined ? 'imported' : 'updated';
  };
  for (const brand of seed.brands ?? []) saveInto(brands, brand.id, brand);
  for (const dealer of seed.dealers ?? []) saveInto(dealers, dealer.id, dealer);
  for (const record of seed.customers ?? []) saveInto(customers, record.customer.id, recordOf(record));

  const store: CustomerStore = {
    async existingBrands(brandIds) {
      return new Set(brandIds.filter((id) => brands.has(id)));
    },
    async saveBrands(list) {
      return list.map((brand) => saveInto(brands, brand.id, brand));
    },
    async existingDealers(dealerIds) {
      return new Set(dealerIds.filter((id) => dealers.has(id)));
    },
    async saveDealers(list) {
      return list.map((dealer) => saveInto(dealers, dealer.id, dealer));
    },
    async saveCustomers(records) {
      return records.map((record) => saveInto(customers, record.customer.id, recordOf(record)));
    },
  };

  const directory: CustomerDirectory = {
    async getCustomerContext(customerId): Promise<CustomerContext | undefined> {
      const record = customers.get(customerId);
      if (!record) return undefined;
      const dealer = dealers.get(record.customer.dealerId);
      if (!dealer) throw new CorruptItemError(`Customer refers to unknown dealer ${record.customer.dealerId}`);
      const entries = suppressions ? await suppressions.listForCustomer(customerId) : [];
      // Copies, as a read from the table gives: the caller may not change what is stored. Frozen,
      // what is stored, field by field (a spread of the record cost more than the rest of the read).
      if (!frozen) return { ...read(record), dealer: read(dealer), suppressions: entries };
      const { customer, vehicles, visits, complaints } = record;
      return { customer, vehicles, visits, complaints, dealer, suppressions: entries };
    },
  };

  const listing: CustomerListing = {
    async countCustomers() {
      return customers.size;
    },
    async listCustomers(cursor) {
      const start = cursor === undefined ? 0 : Number(cursor);
      const page = [...customers.values()].slice(start, start + listingPageSize);
      const next = start + page.length;
      return {
        // Over the stored records: the due index files a copy, as DynamoDB writes one.
        customers: page.map((record) => customerFacts(record, dealers.get(record.customer.dealerId)?.address.country)),
        skipped: [],
        cursor: next < customers.size ? String(next) : undefined,
      };
    },
  };

  return {
    store,
    directory,
    listing,
    brands: { getBrand: async (brandId) => read(brands.get(brandId)) },
    size: () => customers.size,
    profileOf: (customerId) => customers.get(customerId)?.customer,
    contents: () => ({ brands: [...brands.values()], dealers: [...dealers.values()], customers: [...customers.values()] }),
  };
}

/** The parts of a record that are stored (a context's dealer and suppressions are not). */
function recordOf({ customer, vehicles, visits, complaints }: CustomerRecord): CustomerRecord {
  return { customer, vehicles, visits, complaints };
}
