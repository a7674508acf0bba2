import type { CustomerRecord } from '../domain/customer';
import { tenantReaches, type Tenant } from '../domain/tenant';
import type { CustomerEventStore, DealerLookup } from '../ports/events';

/**
 * `GET /v1/customers/{id}`: the customer as the engine sees them, when the tenant reaches their
 * dealer; undefined otherwise, the same for an unknown customer and another tenant's.
 */
export async function getCustomer(customerId: string, tenant: Tenant, deps: { store: CustomerEventStore; dealers: DealerLookup }): Promise<CustomerRecord | undefined> {
  const { record } = await deps.store.load(customerId);
  if (!record) return undefined;
  const dealers = await deps.dealers.dealers([record.customer.dealerId]);
  return tenantReaches(tenant, dealers.get(record.customer.dealerId)) ? record : undefined;
}
