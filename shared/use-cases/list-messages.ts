import * as z from 'zod';
import type { Tenant } from '../domain/tenant';
import type { CustomerEventStore, DealerLookup } from '../ports/events';
import type { MessageHistory, MessagePage } from '../ports/message-history';
import { getCustomer } from './get-customer';
import { PageQuery } from './paging';

/** The query of `GET /v1/customers/{id}/messages`. */
export const ListMessagesQuery = z.strictObject(PageQuery);
export type ListMessagesQuery = z.infer<typeof ListMessagesQuery>;

/**
 * One page of the customer's message history (their sends and outcomes), when the tenant reaches
 * the customer; undefined otherwise, the same for an unknown customer and another tenant's.
 * Throws InvalidCursorError for a cursor not issued for this customer.
 */
export async function listMessages(
  customerId: string,
  query: ListMessagesQuery,
  tenant: Tenant,
  deps: { store: CustomerEventStore; dealers: DealerLookup; history: MessageHistory },
): Promise<MessagePage | undefined> {
  if (!(await getCustomer(customerId, tenant, deps))) return undefined;
  return deps.history.listMessages({ customerId, limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) });
}
