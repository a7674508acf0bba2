/**
 * Who an API key speaks for: one dealer (its own customers only) or one brand (the customers of
 * every dealer whose `brandId` is that brand).
 */
export type Tenant = { kind: 'dealer'; dealerId: string } | { kind: 'brand'; brandId: string };

/** What tenancy needs of a dealer: its id and brand. */
export interface DealerTenancy {
  id: string;
  brandId?: string | undefined;
}

/** One string per tenant (`dealer:<id>`, `brand:<id>`): part of idempotency keys, never shown to others. */
export function tenantId(tenant: Tenant): string {
  return tenant.kind === 'dealer' ? `dealer:${tenant.dealerId}` : `brand:${tenant.brandId}`;
}

/** Whether the tenant may see and change the customers of this dealer (unknown dealer: no). */
export function tenantReaches(tenant: Tenant, dealer: DealerTenancy | undefined): boolean {
  if (!dealer) return false;
  return tenant.kind === 'dealer' ? dealer.id === tenant.dealerId : dealer.brandId === tenant.brandId;
}
