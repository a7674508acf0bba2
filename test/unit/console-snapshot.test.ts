import { describe, expect, it } from 'vitest';
import type { ConsoleSlice } from '../../shared/ports/console-activity';
import type { DealerLookup } from '../../shared/ports/events';
import { takeConsoleSnapshot } from '../../shared/use-cases/console-snapshot';
import { aCustomerContext, aDealer } from '../helpers/factories';

const now = new Date('2026-03-14T06:00:00Z');
const dealers = Array.from({ length: 150 }, (_, index) => aDealer({ id: `dealer-${String(index).padStart(3, '0')}` }));
// One customer per dealer, in no order (as a Scan returns partitions in their hash order).
const records = dealers.map((dealer, index) => {
  const { dealer: _dealer, ...record } = aCustomerContext({ id: `c-${String((index * 37) % 150).padStart(3, '0')}`, dealerId: dealer.id });
  return record;
});
const slice: ConsoleSlice = { read: async () => ({ customers: [...records], handled: [], held: [], skipped: { customers: 0, ledger: 0 } }) };
/** As the DynamoDB lookup: one BatchGet, so at most 100 dealers an answer. */
const lookup: DealerLookup & { asked: number } = {
  asked: 0,
  async dealers(ids) {
    lookup.asked += 1;
    return new Map(ids.slice(0, 100).flatMap((id) => dealers.filter((dealer) => dealer.id === id)).map((dealer) => [dealer.id, dealer]));
  },
};

describe("the calendar job's snapshot of its slice", () => {
  it('finds the dealer of every customer, 100 dealers a lookup, and lists the customers by id', async () => {
    const snapshot = await takeConsoleSnapshot({ slice, dealers: lookup }, now);

    expect(snapshot.dealers.size).toBe(150);
    expect(lookup.asked).toBe(2);
    expect(snapshot.customers.map((facts) => facts.customer.id)).toEqual(records.map((record) => record.customer.id).sort());
    expect(snapshot.customers.every((facts) => snapshot.dealerOf.get(facts.customer.id) === facts.customer.dealerId)).toBe(true);
  });
});
