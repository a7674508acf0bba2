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

/** The tenant a `tenantId` string names (`dealer:<id>`, `brand:<id>`), or undefined when it names none. */
export function tenantFromId(id: string): Tenant | undefined {
  const found = /^(dealer|brand):(.+)$/.exec(id);
  if (!found) return undefined;
  return found[1] === 'dealer' ? { kind: 'dealer', dealerId: found[2]! } : { kind: 'brand', brandId: found[2]! };
}

/**
 * The console's users sign in through a Cognito user pool; the tenant they speak for is this
 * custom attribute of the user, a `tenantId` (`dealer:<id>` or `brand:<id>`), carried in the ID
 * token's claims that the HTTP API's JWT authorizer checked.
 */
export const consoleTenantClaim = 'custom:tenant';
