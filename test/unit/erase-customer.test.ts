import { describe, expect, it } from 'vitest';
import { createMemoryMessageSchedule } from '../../shared/adapters/memory/message-schedule';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import type { CustomerErasure, Tombstone } from '../../shared/ports/erasure';
import type { DealerLookup } from '../../shared/ports/events';
import { eraseCustomer } from '../../shared/use-cases/erase-customer';
import { aCustomer, aDealer } from '../helpers/factories';

const now = new Date('2026-03-14T08:00:00Z');

const reminder = (customerId: string): DispatchMessage => ({
  version: 1,
  journeyId: 'appointment-reminder',
  occurrenceKey: 'APT-1',
  occurrenceDate: '2026-03-20',
  customerId,
  messageId: 'sms-24h',
  channel: 'sms',
  template: 'appointment-reminder-sms',
});

function world(stored: string[]) {
  const customers = new Set(stored);
  const tombstones = new Map<string, Tombstone>();
  const removed: string[] = [];
  const dealers: DealerLookup = { dealers: async (ids) => new Map(ids.filter((id) => id === 'dealer-sh').map((id) => [id, aDealer({ id, brandId: 'bmw-cn' })])) };
  const erasure: CustomerErasure = {
    storedDealerOf: async (id) => (customers.has(id) ? aCustomer({ id }).dealerId : undefined),
    erasedAmong: async (ids) => new Set(ids.filter((id) => tombstones.has(id))),
    getTombstone: async (id) => tombstones.get(id),
    writeTombstone: async (tombstone) => void tombstones.set(tombstone.customerId, tombstone),
    removeCustomerItems: async (id) => {
      removed.push(id);
      return customers.delete(id) ? 3 : 0;
    },
  };
  const schedule = createMemoryMessageSchedule();
  return { dealers, erasure, schedule, tombstones, removed };
}

describe('eraseCustomer', () => {
  it('writes the tombstone, cancels the held messages and removes the items of the customer only', async () => {
    const deps = world(['c-1', 'c-2']);
    await deps.schedule.hold({ message: reminder('c-1'), dueAt: '2026-03-19T01:00:00Z', reason: 'appointment-reminder' }, now);
    await deps.schedule.hold({ message: reminder('c-2'), dueAt: '2026-03-19T01:00:00Z', reason: 'appointment-reminder' }, now);

    const erased = await eraseCustomer('c-1', { kind: 'dealer', dealerId: 'dealer-sh' }, now, deps);

    expect(erased).toEqual({ outcome: 'erased', itemsRemoved: 3, heldCancelled: 1, heldUnreadable: 0 });
    expect(deps.tombstones.get('c-1')).toEqual({ customerId: 'c-1', dealerId: 'dealer-sh', erasedAt: now.toISOString() });
    expect(deps.schedule.all().map((held) => held.message.customerId)).toEqual(['c-2']);
    expect(deps.removed).toEqual(['c-1']);
  });

  it('cancels the readable held messages and removes every item when one held entry does not parse, counting it', async () => {
    const deps = world(['c-1']);
    await deps.schedule.hold({ message: reminder('c-1'), dueAt: '2026-03-19T01:00:00Z', reason: 'appointment-reminder' }, now);
    const schedule = { ...deps.schedule, listForCustomer: async (id: string) => ({ ...(await deps.schedule.listForCustomer(id)), unreadable: 1 }) };

    const erased = await eraseCustomer('c-1', { kind: 'dealer', dealerId: 'dealer-sh' }, now, { ...deps, schedule });

    expect(erased).toEqual({ outcome: 'erased', itemsRemoved: 3, heldCancelled: 1, heldUnreadable: 1 });
    expect(deps.schedule.all()).toEqual([]);
    expect(deps.removed).toEqual(['c-1']);
  });

  it('answers the same when asked again, keeps the first erasure time, and finishes what is left', async () => {
    const deps = world(['c-1']);
    const brand = { kind: 'brand', brandId: 'bmw-cn' } as const;

    await eraseCustomer('c-1', brand, now, deps);
    const again = await eraseCustomer('c-1', brand, new Date('2026-03-15T00:00:00Z'), deps);

    expect(again).toEqual({ outcome: 'erased', itemsRemoved: 0, heldCancelled: 0, heldUnreadable: 0 });
    expect(deps.tombstones.get('c-1')!.erasedAt).toBe(now.toISOString());
    expect(deps.removed).toEqual(['c-1', 'c-1']);
  });

  it('erases nothing for an unknown customer or another tenant, before and after an erasure, with the same answer', async () => {
    const deps = world(['c-1']);
    const outsider = { kind: 'dealer', dealerId: 'dealer-bj' } as const;

    const unknown = await eraseCustomer('nobody', { kind: 'dealer', dealerId: 'dealer-sh' }, now, deps);
    const refused = await eraseCustomer('c-1', outsider, now, deps);
    await eraseCustomer('c-1', { kind: 'dealer', dealerId: 'dealer-sh' }, now, deps);
    const refusedAfter = await eraseCustomer('c-1', outsider, now, deps);

    expect([unknown, refused, refusedAfter]).toEqual([{ outcome: 'not-found' }, { outcome: 'not-found' }, { outcome: 'not-found' }]);
    expect(deps.removed).toEqual(['c-1']);
  });
});
