import type { ApiDeps } from '../../../shared/compose/api';
import type { Authenticate } from '../http';

/** What a route module is built from: the adapters, the key check and the clock. */
export interface RouteContext {
  deps: ApiDeps;
  authenticate: Authenticate;
  now: () => Date;
}
