import { describe, expect, it } from 'vitest';
import { tenantFromId, tenantId, type Tenant } from '../../shared/domain/tenant';

describe('tenant ids', () => {
  it('reads back the tenant a tenant id was made from', () => {
    const tenants: Tenant[] = [
      { kind: 'dealer', dealerId: 'D-1' },
      { kind: 'brand', brandId: 'brand:with:colons' },
    ];
    expect(tenants.map((tenant) => tenantFromId(tenantId(tenant)))).toEqual(tenants);
  });

  it('names no tenant for anything else', () => {
    expect(['', 'dealer:', 'group:G1', 'D-1'].map(tenantFromId)).toEqual([undefined, undefined, undefined, undefined]);
  });
});
