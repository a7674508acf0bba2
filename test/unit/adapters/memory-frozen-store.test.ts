import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDemoData } from '../../../local/demo-data';
import { createMemoryCustomerBase } from '../../../shared/adapters/memory/customers';
import { createMemoryDueIndex } from '../../../shared/adapters/memory/due-index';
import { createMemoryLedger } from '../../../shared/adapters/memory/ledger';
import { deepFrozen, frozenCopy } from '../../../shared/adapters/memory/frozen-copy';
import { customerFacts } from '../../../shared/domain/customer-facts';
import { localMomentIn } from '../../../shared/domain/dates';

const demo = generateDemoData(300);

/** Plain data as records hold it: objects, arrays, strings, numbers, booleans, missing fields. */
const plainData = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string(),
    fc.integer(),
    fc.double({ noNaN: true }),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 6 }), tie('value'), { maxKeys: 4, noNullPrototype: true }),
  ),
})).value;

function isDeepFrozen(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  return Object.isFrozen(value) && Object.values(value).every(isDeepFrozen);
}

describe('the frozen copy the simulation stores customers as', () => {
  it('equals what it copies, deeply frozen, for any plain data', () => {
    fc.assert(
      fc.property(plainData, (value) => {
        const copied = frozenCopy(value, new Map());
        expect(isDeepStrictEqual(copied, value)).toBe(true);
        // Its fields in the same order, and an own `__proto__` kept as a field: the same JSON.
        expect(JSON.stringify(copied)).toBe(JSON.stringify(value));
        expect(isDeepFrozen(copied)).toBe(true);
      }),
      { numRuns: 500, examples: [[JSON.parse('{"__proto__":{"a":1},"b":[{"__proto__":null}]}') as unknown], [JSON.parse('{"a":1,"__proto__":{"b":[2]},"c":"d"}')], [JSON.parse('[{"__proto__":null}]')]] },
    );
  });

  it('refuses what is not plain data rather than storing a changed copy of it', () => {
    expect(() => frozenCopy({ at: new Date(0) }, new Map())).toThrow(TypeError);
    expect(() => deepFrozen({ list: [{ at: new Date(0) }] })).toThrow(TypeError);
  });

  it('freezes in place, deeply, what a store is handed', () => {
    fc.assert(
      fc.property(plainData, (value) => {
        const text = JSON.stringify(value);
        const frozen = deepFrozen(value);
        expect(frozen).toBe(value);
        expect(JSON.stringify(frozen)).toBe(text);
        expect(isDeepFrozen(frozen)).toBe(true);
      }),
      { numRuns: 500 },
    );
    // Frozen at the top only, it is not taken as frozen all through: its inside is frozen too.
    expect(isDeepFrozen(deepFrozen(Object.freeze({ inside: { changeable: true } })))).toBe(true);
  });
});

describe('a frozen memory customer base (simulate)', () => {
  it('reads every customer as the copying base reads them', async () => {
    const copying = createMemoryCustomerBase(demo);
    const frozen = createMemoryCustomerBase(demo, { frozen: true });

    for (const { customer } of demo.customers) {
      expect(await frozen.directory.getCustomerContext(customer.id)).toEqual(await copying.directory.getCustomerContext(customer.id));
    }
    expect(await frozen.brands.getBrand(demo.brands[0]!.id)).toEqual(await copying.brands.getBrand(demo.brands[0]!.id));
  });

  it('stores the records it is handed, frozen in place, when they are handed over, and reads them as the copying base', async () => {
    const handed = structuredClone(demo);
    const copying = createMemoryCustomerBase(demo);
    const base = createMemoryCustomerBase({}, { frozen: 'in-place' });
    await base.store.saveDealers(handed.dealers);
    await base.store.saveCustomers(handed.customers);

    for (const record of handed.customers) {
      const context = (await base.directory.getCustomerContext(record.customer.id))!;
      expect(context.customer).toBe(record.customer);
      // Its parts: the record stored is a new object of them (a context's dealer is not stored).
      expect([record.customer, record.vehicles, record.visits, record.complaints].every(isDeepFrozen)).toBe(true);
      expect(context).toEqual(await copying.directory.getCustomerContext(record.customer.id));
    }
  });

  it('throws on a reader that tries to change a stored customer, and the customer stays as saved', async () => {
    const base = createMemoryCustomerBase(demo, { frozen: true });
    const id = demo.customers[0]!.customer.id;
    const context = (await base.directory.getCustomerContext(id))!;

    expect(() => {
      (context.customer as { firstName: string }).firstName = 'Changed';
    }).toThrow(TypeError);
    expect((await base.directory.getCustomerContext(id))!.customer.firstName).toBe(demo.customers[0]!.customer.firstName);
  });

  it('still compares before saving: the same records again are unchanged', async () => {
    const base = createMemoryCustomerBase({}, { frozen: true });

    expect(new Set(await base.store.saveDealers(demo.dealers))).toEqual(new Set(['imported']));
    expect(new Set(await base.store.saveCustomers(demo.customers))).toEqual(new Set(['imported']));
    expect(new Set(await base.store.saveCustomers(demo.customers))).toEqual(new Set(['unchanged']));
  });
});

describe('a memory due index that files facts without copies (simulate)', () => {
  it('reads back the facts it was given, and the copying index reads back equal facts', async () => {
    const facts = demo.customers.slice(0, 20).map((record) => customerFacts(record, 'AU'));
    const sharing = createMemoryDueIndex({ copies: false });
    const copying = createMemoryDueIndex();
    const entries = facts.map((customer) => ({ facts: customer, dueDate: '2026-03-14', journeyIds: ['birthday'] }));

    await sharing.fileCustomers(entries, 'fingerprint');
    await copying.fileCustomers(entries, 'fingerprint');
    const shared = (await sharing.readDue(['2026-03-14'])).due;

    expect(shared.map((entry) => entry.record)).toEqual(facts.map((customer) => customer.record));
    shared.forEach((entry, index) => expect(entry.record).toBe(facts[index]!.record));
    expect(shared).toEqual((await copying.readDue(['2026-03-14'])).due);
  });
});

describe('the memory ledger keeping each distinct message list once', () => {
  const message = fc.record({
    messageId: fc.constantFrom('email', 'sms', 'card', 'call'),
    channel: fc.constantFrom('email', 'sms', 'print', 'task' as const),
    template: fc.constantFrom('birthday-email', 'birthday-sms', 'card'),
    contactable: fc.boolean(),
  });

  it('lists each open occurrence with the messages it was claimed with, and a reader changing them changes nothing stored', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(message, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 12 }), async (lists) => {
        const ledger = createMemoryLedger();
        const now = new Date('2026-03-14T09:00:00Z');
        const occurrences = lists.map((messages, index) => ({ journeyId: 'birthday', customerId: `c-${index}`, occurrenceKey: '2026', occurrenceDate: '2026-03-14', messages }));
        for (const occurrence of occurrences) await ledger.claimOccurrence(structuredClone(occurrence), now);

        const first = await ledger.listOpenOccurrences('2026-03-14');
        for (const listed of first.occurrences) listed.messages.forEach((item) => (item.contactable = !item.contactable));
        const second = await ledger.listOpenOccurrences('2026-03-14');

        const byCustomer = (list: typeof second.occurrences) => new Map(list.map((occurrence) => [occurrence.customerId, occurrence.messages]));
        expect(byCustomer(second.occurrences)).toEqual(new Map(occurrences.map((occurrence) => [occurrence.customerId, occurrence.messages])));
      }),
      { numRuns: 200 },
    );
  });
});

describe('the memory due index read by send time', () => {
  const zones = ['Asia/Shanghai', 'Australia/Sydney', 'America/Los_Angeles'];
  const dates = ['2026-03-14', '2026-03-15', '2026-03-16'];
  // Send times as minutes since local midnight; `unknown` has none (read whenever its date is).
  const sendAtMinutes = new Map([
    ['birthday', 9 * 60],
    ['survey', 14 * 60 + 30],
  ]);
  const journeyLists = [['birthday'], ['survey'], ['birthday', 'survey'], ['unknown', 'survey'], undefined];
  const operation = fc.record({
    customer: fc.integer({ min: 0, max: 5 }),
    zone: fc.constantFrom(...zones),
    kind: fc.constantFrom('file', 'unfile', 'advance'),
    date: fc.constantFrom(...dates),
    next: fc.option(fc.constantFrom(...dates), { nil: undefined }),
    journeys: fc.constantFrom(...journeyLists),
  });
  // From the day before the first date to the morning after the last, UTC, on or just around a
  // half hour: the zones' offsets are whole hours, so send times come exactly at some of them.
  const instant = fc
    .tuple(fc.integer({ min: 0, max: 4 * 48 + 24 }), fc.constantFrom(-1, 0, 1, 59_999, 60_000))
    .map(([halfHours, milliseconds]) => new Date(Date.UTC(2026, 2, 13) + halfHours * 1_800_000 + milliseconds));

  /** Whether the entry has a journey whose send time has come at `now`, on the entry's date or since (`localMomentIn`, as the planner tells). */
  const sendTimeHasCome = (entry: { customer: { timeZone: string }; dueDate: string; dueJourneys?: string[] }, now: Date) => {
    const local = localMomentIn(now, entry.customer.timeZone);
    if (local.date !== entry.dueDate) return local.date > entry.dueDate;
    return (entry.dueJourneys ?? ['unknown']).some((id) => local.minuteOfDay >= (sendAtMinutes.get(id) ?? 0));
  };

  it('reads, through any filings and advances, exactly the entries whose send time has come, and all of a date without an instant', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { maxLength: 30 }), instant, async (operations, now) => {
        const index = createMemoryDueIndex({ copies: false, sendAtMinutes });
        const record = demo.customers[0]!;
        for (const { customer, zone, kind, date, next, journeys } of operations) {
          const facts = customerFacts({ ...record, customer: { ...record.customer, id: `c-${customer}`, timeZone: zone } }, 'AU');
          if (kind === 'advance') await index.advance(`c-${customer}`, date, next, journeys);
          else await index.fileCustomers([{ facts, dueDate: kind === 'file' ? date : undefined, ...(journeys ? { journeyIds: journeys } : {}) }], 'fingerprint');
        }

        for (const date of dates) {
          const filed = [...index.entries.values()].filter((entry) => entry.dueDate === date);
          const ids = async (options?: { dueBy: Date }) => new Set((await index.readDue([date], options)).due.map((entry) => entry.customer.id));
          expect(await ids()).toEqual(new Set(filed.map((entry) => entry.customer.id)));
          const come = filed.filter((entry) => sendTimeHasCome(entry, now));
          expect(await ids({ dueBy: now })).toEqual(new Set(come.map((entry) => entry.customer.id)));
          expect(index.mayFindDueOn(date, now)).toBe(come.length > 0);
        }
      }),
      { numRuns: 300 },
    );
  });
});
