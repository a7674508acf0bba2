import { describe, expect, it } from 'vitest';
import type { Brand } from '../../shared/domain/brand';
import type { Dealer } from '../../shared/domain/customer';
import type { CustomerRecord, CustomerStore, SaveOutcome } from '../../shared/ports/customers';
import { importCustomers } from '../../shared/use-cases/import-customers';
import { formatImportSummary } from '../../shared/import/import-file';
import { Journey } from '../../shared/domain/journey/schema';
import { createMemoryDueIndex } from '../../shared/adapters/memory/due-index';
import { aBirthdayJourney, aBrand, aCustomer, aDealer, aVehicle } from '../helpers/factories';

const today = '2026-03-15';

/** A store in memory that compares like the DynamoDB one: by value. */
function memoryStore(dealers: Dealer[] = [], brands: Brand[] = []): CustomerStore & { customers: Map<string, CustomerRecord>; dealerLookups: string[][] } {
  const storedDealers = new Map(dealers.map((dealer) => [dealer.id, JSON.stringify(dealer)]));
  const storedBrands = new Map(brands.map((brand) => [brand.id, JSON.stringify(brand)]));
  const customers = new Map<string, CustomerRecord>();
  const dealerLookups: string[][] = [];
  const save = <T>(map: Map<string, T>, id: string, value: T, same: (a: T, b: T) => boolean): SaveOutcome => {
    const current = map.get(id);
    map.set(id, value);
    return current === undefined ? 'imported' : same(current, value) ? 'unchanged' : 'updated';
  };
  return {
    customers,
    dealerLookups,
    async existingBrands(ids) {
      return new Set(ids.filter((id) => storedBrands.has(id)));
    },
    async saveBrands(list) {
      return list.map((brand) => save(storedBrands, brand.id, JSON.stringify(brand), (a, b) => a === b));
    },
    async existingDealers(ids) {
      dealerLookups.push(ids);
      return new Set(ids.filter((id) => storedDealers.has(id)));
    },
    async saveDealers(list) {
      return list.map((dealer) => save(storedDealers, dealer.id, JSON.stringify(dealer), (a, b) => a === b));
    },
    async saveCustomers(records) {
      return records.map((record) => save(customers, record.customer.id, record, (a, b) => JSON.stringify(a) === JSON.stringify(b)));
    },
  };
}

async function* linesOf(texts: string[]): AsyncIterable<string> {
  yield* texts;
}

const customerLine = (id: string, overrides: Record<string, unknown> = {}) => JSON.stringify({ customer: { ...aCustomer({ id }), ...overrides }, vehicles: [aVehicle()] });

describe('importCustomers', () => {
  it('skips and counts the lines of erased customers, so an old export cannot bring them back', async () => {
    const store = memoryStore([aDealer()]);
    const tombstones = { erasedAmong: async (ids: readonly string[]) => new Set(ids.filter((id) => id === 'c-gone')) };

    const summary = await importCustomers(linesOf([customerLine('c-1'), customerLine('c-gone')]), today, { store, tombstones });

    expect([...store.customers.keys()]).toEqual(['c-1']);
    expect(summary.erased).toEqual([2]);
    expect(summary.rejected).toEqual([]);
    expect(formatImportSummary(summary)).toContain('Skipped:   1 line of erased customers (lines 2)');
  });

  it('imports the good lines and rejects each bad one with its line number, field and reason', async () => {
    const store = memoryStore([aDealer()]);
    const file = [customerLine('c-1'), '{ not json', customerLine('c-2', { birthDate: '1980-02-30' }), customerLine('c-3')];

    const summary = await importCustomers(linesOf(file), today, { store });

    expect([...store.customers.keys()]).toEqual(['c-1', 'c-3']);
    expect(summary.customers).toEqual({ imported: 2, updated: 0, unchanged: 0 });
    expect(summary.rejected).toEqual([
      { line: 2, issues: [{ path: '(line)', message: 'not valid JSON' }] },
      { line: 3, issues: [{ path: 'customer.birthDate', message: 'expected a real calendar date (no such day)' }] },
    ]);
  });

  it('counts every line unchanged when the same file is imported again', async () => {
    const store = memoryStore([aDealer()]);
    const file = [customerLine('c-1'), customerLine('c-2')];
    await importCustomers(linesOf(file), today, { store });

    const again = await importCustomers(linesOf(file), today, { store });

    expect(again.customers).toEqual({ imported: 0, updated: 0, unchanged: 2 });
  });

  it('counts a changed customer as updated', async () => {
    const store = memoryStore([aDealer()]);
    await importCustomers(linesOf([customerLine('c-1')]), today, { store });

    const summary = await importCustomers(linesOf([customerLine('c-1', { firstName: 'Anne' })]), today, { store });

    expect(summary.customers).toEqual({ imported: 0, updated: 1, unchanged: 0 });
    expect(store.customers.get('c-1')?.customer.firstName).toBe('Anne');
  });

  it('rejects a second line with the same customer id, naming the first', async () => {
    const store = memoryStore([aDealer()]);

    const summary = await importCustomers(linesOf([customerLine('c-1'), customerLine('c-1', { firstName: 'Other' })]), today, { store });

    expect(summary.rejected).toEqual([{ line: 2, issues: [{ path: 'customer.id', message: 'duplicate customer id, first on line 1' }] }]);
    expect(store.customers.get('c-1')?.customer.firstName).toBe('Ann');
  });

  it('rejects a customer of an unknown dealer, and accepts one whose dealer came on an earlier line', async () => {
    const store = memoryStore();
    const file = [
      customerLine('c-1'),
      JSON.stringify({ dealer: aDealer() }),
      customerLine('c-2'),
    ];

    const summary = await importCustomers(linesOf(file), today, { store });

    expect(summary.rejected).toEqual([{ line: 1, issues: [{ path: 'customer.dealerId', message: expect.stringContaining('unknown dealer') }] }]);
    expect(summary.dealers.imported).toBe(1);
    expect([...store.customers.keys()]).toEqual(['c-2']);
  });

  it('imports a brand and a dealer of it, and rejects a dealer of an unknown brand', async () => {
    const store = memoryStore();
    const file = [
      JSON.stringify({ dealer: aDealer({ id: 'too-early', brandId: 'brand-cn' }) }),
      JSON.stringify({ brand: aBrand() }),
      JSON.stringify({ dealer: aDealer({ brandId: 'brand-cn' }) }),
      JSON.stringify({ dealer: aDealer({ id: 'other', brandId: 'no-such-brand' }) }),
      customerLine('c-1'),
    ];

    const summary = await importCustomers(linesOf(file), today, { store });

    expect(summary.brands).toEqual({ imported: 1, updated: 0, unchanged: 0 });
    expect(summary.dealers).toEqual({ imported: 1, updated: 0, unchanged: 0 });
    expect(summary.rejected).toEqual([
      { line: 1, issues: [{ path: 'dealer.brandId', message: 'unknown brand: not stored and not on an earlier line of this file' }] },
      { line: 4, issues: [{ path: 'dealer.brandId', message: 'unknown brand: not stored and not on an earlier line of this file' }] },
    ]);
    expect([...store.customers.keys()]).toEqual(['c-1']);
  });

  it('accepts a dealer of a brand stored by an earlier import, and counts the same brand unchanged', async () => {
    const store = memoryStore([], [aBrand()]);

    const summary = await importCustomers(linesOf([JSON.stringify({ brand: aBrand() }), JSON.stringify({ dealer: aDealer({ brandId: 'brand-cn' }) })]), today, { store });

    expect(summary.rejected).toEqual([]);
    expect(summary.brands).toEqual({ imported: 0, updated: 0, unchanged: 1 });
  });

  it('says which dealers of the file belong to no brand when a journey is sent by the brand', async () => {
    const welcome = Journey.parse({ id: 'welcome-pack', name: 'Welcome', sender: 'brand', trigger: { type: 'vehicle-date', after: { days: 30 } }, steps: [{ id: 'email', channel: 'email', template: 'welcome' }] });
    const file = [JSON.stringify({ brand: aBrand() }), JSON.stringify({ dealer: aDealer({ brandId: 'brand-cn' }) }), JSON.stringify({ dealer: aDealer({ id: 'lone' }) })];

    const summary = await importCustomers(linesOf(file), today, { store: memoryStore(), dueDates: { journeys: [aBirthdayJourney(), welcome], dueIndex: createMemoryDueIndex() } });
    const dealerOnly = await importCustomers(linesOf(file), today, { store: memoryStore(), dueDates: { journeys: [aBirthdayJourney()], dueIndex: createMemoryDueIndex() } });

    expect(summary.dealersWithoutBrand).toEqual([{ dealerId: 'lone', line: 3, journeys: ['welcome-pack'] }]);
    expect(summary.dealers.imported).toBe(2);
    expect(dealerOnly.dealersWithoutBrand).toEqual([]);
    expect(formatImportSummary(summary)).toContain('Note: line 3: dealer lone belongs to no brand (no brandId): its customers get no message of the journeys sent by the brand (welcome-pack)');
  });

  it('asks the store about each dealer once, however many customers point at it', async () => {
    const store = memoryStore([aDealer()]);

    await importCustomers(linesOf(Array.from({ length: 60 }, (_, index) => customerLine(`c-${index}`))), today, { store });

    expect(store.dealerLookups).toEqual([['dealer-sh']]);
  });

  it('skips blank lines but keeps counting them for line numbers, and reports progress', async () => {
    const store = memoryStore([aDealer()]);
    const progress: number[] = [];

    const summary = await importCustomers(linesOf(['', customerLine('c-1'), '   ', '{']), today, { store, onProgress: (read) => progress.push(read) });

    expect(summary.lines).toBe(2);
    expect(summary.rejected.map((rejected) => rejected.line)).toEqual([4]);
    expect(progress.at(-1)).toBe(2);
  });

  it('files each saved customer under their next due date, and takes out one no journey will reach', async () => {
    const store = memoryStore([aDealer()]);
    const dueIndex = createMemoryDueIndex();
    const file = [customerLine('march', { birthDate: '1980-03-20' }), customerLine('no-birthday', { birthDate: undefined }), '{'];

    await importCustomers(linesOf(file), today, { store, dueDates: { journeys: [aBirthdayJourney()], dueIndex } });

    expect([...dueIndex.entries.keys()]).toEqual(['march']);
    expect(dueIndex.entries.get('march')?.dueDate).toBe('2026-03-20');
    const read = await dueIndex.readDue(['2026-03-20']);
    expect(read.due.map((facts) => facts.customer.id)).toEqual(['march']);
  });
});
