import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { consoleTenantClaim, tenantFromId, type Tenant } from '../../shared/domain/tenant';
import { HttpProblem } from '../../shared/middleware/http-problems';

/** The part of an HTTP API event its JWT authorizer fills in (absent on a route without one). */
interface WithJwtClaims {
  requestContext: { authorizer?: { jwt?: { claims?: Record<string, unknown> } } };
}

/**
 * The console user's tenant, from the claims the HTTP API's JWT authorizer (Cognito) checked:
 * 401 without the claim (no authorizer ran, or the user has no tenant), 403 when it names no
 * tenant (`dealer:<id>` or `brand:<id>`).
 */
export function consoleTenantOf(event: APIGatewayProxyEventV2): Tenant {
  const claims = (event as unknown as WithJwtClaims).requestContext.authorizer?.jwt?.claims;
  const claim = claims?.[consoleTenantClaim];
  if (typeof claim !== 'string' || claim === '') throw new HttpProblem(401, 'Unauthorized', 'Sign in to the console.');
  const tenant = tenantFromId(claim);
  if (!tenant) throw new HttpProblem(403, 'Forbidden', 'This user has no tenant the console knows.');
  return tenant;
}
