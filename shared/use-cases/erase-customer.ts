import { tenantReaches, type Tenant } from '../domain/tenant';
import type { CustomerErasure } from '../ports/erasure';
import type { DealerLookup } from '../ports/events';
import type { MessageSchedule } from '../ports/message-schedule';

export interface EraseCustomerDeps {
  dealers: DealerLookup;
  erasure: CustomerErasure;
  /**
   * Held messages. Until the DynamoDB schedule is composed into the API, absent: held items sort
   * under the customer's partition, so step 3 deletes them (and their release index entries) anyway.
   */
  schedule?: Pick<MessageSchedule, 'listForCustomer' | 'cancel'>;
}

/** `heldUnreadable`: held entries that did not parse, skipped in step 2 and deleted with the rest in step 3. */
export type Erasure = { outcome: 'erased'; itemsRemoved: number; heldCancelled: number; heldUnreadable: number } | { outcome: 'not-found' };

/**
 * `DELETE /v1/customers/{id}`: forgets the customer. In this order, each step safe to run again:
 *
 * 1. the tombstone (no personal data): from here on the event consumer and the import refuse the
 *    customer, so a replayed or late event or an old export line cannot bring them back;
 * 2. their held messages are cancelled (a deferred send, an appointment reminder);
 * 3. every item about them is deleted: profile, cars, visits, complaints, due entry, occurrences
 *    (open ones leave the reconciler's index with them, so nothing is re-driven), sends, tasks,
 *    event state and intake records. A dispatch message already on the queue then finds no
 *    customer and is recorded `skipped` (`customer-not-found`), sending nothing; a later erasure
 *    call removes that record too.
 *
 * Erasing again finds the tombstone and runs steps 2 and 3 once more (finishing one that stopped
 * midway), with the same answer. The tenant check reads the profile's dealer alone (a customer
 * whose other items no longer parse can still be erased), or the tombstone's.
 *
 * @returns `not-found` for an unknown customer and another tenant's alike.
 */
export async function eraseCustomer(customerId: string, tenant: Tenant, now: Date, deps: EraseCustomerDeps): Promise<Erasure> {
  const stored = await deps.erasure.storedDealerOf(customerId);
  const dealerId = stored ?? (await deps.erasure.getTombstone(customerId))?.dealerId;
  if (dealerId === undefined) return { outcome: 'not-found' };
  const dealers = await deps.dealers.dealers([dealerId]);
  if (!tenantReaches(tenant, dealers.get(dealerId))) return { outcome: 'not-found' };

  if (stored !== undefined) await deps.erasure.writeTombstone({ customerId, dealerId, erasedAt: now.toISOString() });
  let heldCancelled = 0;
  const { schedule } = deps;
  const held = schedule ? await schedule.listForCustomer(customerId) : { entries: [], unreadable: 0 };
  for (const { message } of held.entries) {
    if (await schedule?.cancel(message)) heldCancelled += 1;
  }
  const itemsRemoved = await deps.erasure.removeCustomerItems(customerId);
  return { outcome: 'erased', itemsRemoved, heldCancelled, heldUnreadable: held.unreadable };
}
