/**
 * What is left of an erased customer: no personal data, only the id (the key), their dealer at
 * erasure (so `DELETE` again answers the same tenants alike) and the time.
 */
export interface Tombstone {
  customerId: string;
  dealerId: string;
  erasedAt: string;
}

/** Which customers were erased: the event consumer and the import refuse them. */
export interface Tombstones {
  erasedAmong(customerIds: readonly string[]): Promise<Set<string>>;
}

/** Removes a customer (`DELETE /v1/customers/{id}`), leaving the tombstone. */
export interface CustomerErasure extends Tombstones {
  /**
   * The dealer on the customer's stored profile, undefined without one. Read alone, not with the
   * rest of the record: a customer whose other items no longer parse can still be erased.
   */
  storedDealerOf(customerId: string): Promise<string | undefined>;
  getTombstone(customerId: string): Promise<Tombstone | undefined>;
  /** Written before anything is removed: what arrives meanwhile is refused. */
  writeTombstone(tombstone: Tombstone): Promise<void>;
  /**
   * Deletes every item about the customer but the tombstone: their partition (profile, cars,
   * visits, complaints, due entry, occurrences, sends, tasks, event state, occurrences waiting for
   * them), the intake records of events about them and the occurrences their events started for
   * someone not yet a customer. Idempotent. Returns how many items it deleted.
   */
  removeCustomerItems(customerId: string): Promise<number>;
}
