/**
 * How the console reaches its routes. `config.json` beside the page says where the API is and how
 * the user is known: `local` (npm start: no login, the page picks a tenant and says so in the
 * `x-console-tenant` header, which only the loopback server reads) or `cognito` (in AWS: the ID
 * token the sign-in left in sessionStorage under `console.idToken` goes as a Bearer token, and the
 * HTTP API's JWT authorizer turns it into claims).
 */
import { useEffect, useState } from 'react';
import { idTokenKey, signIn, type CognitoConfig } from './sign-in';

export interface LocalTenant {
  id: string;
  label: string;
}

export type ConsoleConfig = { mode: 'local'; apiUrl: string; tenants: LocalTenant[] } | CognitoConfig;

export const localTenantHeader = 'x-console-tenant';

let config: ConsoleConfig | undefined;
let localTenant: string | undefined;

export async function loadConfig(): Promise<ConsoleConfig> {
  const response = await fetch('config.json');
  if (!response.ok) throw new Error(`config.json: ${response.status}`);
  const loaded = (await response.json()) as ConsoleConfig;
  if (loaded.mode === 'cognito') await signIn(loaded);
  config = loaded;
  return loaded;
}

export function setLocalTenant(tenant: string): void {
  localTenant = tenant;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  if (!config) throw new Error('the console has no config yet');
  const headers = new Headers(init.headers);
  if (config.mode === 'local' && localTenant) headers.set(localTenantHeader, localTenant);
  if (config.mode === 'cognito') {
    const token = sessionStorage.getItem(idTokenKey);
    if (token) headers.set('authorization', `Bearer ${token}`);
  }
  const response = await fetch(`${config.apiUrl}${path}`, { ...init, headers });
  const body = (await response.json().catch(() => ({}))) as T & { detail?: string; title?: string };
  if (!response.ok) throw new ApiError(response.status, body.detail ?? body.title ?? String(response.status));
  return body;
}

export type Loaded<T> = { state: 'loading' } | { state: 'failed'; error: ApiError | Error } | { state: 'done'; data: T };

/** Fetches `path` when it (or `version`) changes; `undefined` fetches nothing. */
export function useApi<T>(path: string | undefined, version = 0): Loaded<T> {
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  useEffect(() => {
    if (path === undefined) return;
    let current = true;
    setLoaded({ state: 'loading' });
    api<T>(path).then(
      (data) => current && setLoaded({ state: 'done', data }),
      (error: Error) => current && setLoaded({ state: 'failed', error }),
    );
    return () => {
      current = false;
    };
  }, [path, version]);
  return loaded;
}
