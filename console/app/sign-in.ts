/**
 * Sign-in through the Cognito user pool's hosted UI (in AWS), with the authorization code flow and
 * PKCE: no client secret in the page. The ID token is kept in sessionStorage (gone with the tab)
 * and sent as the Bearer token the HTTP API's JWT authorizer checks; its `custom:tenant` claim is
 * the tenant the console speaks for.
 */
export interface CognitoConfig {
  mode: 'cognito';
  apiUrl: string;
  clientId: string;
  /** The hosted UI's base (`/oauth2/authorize`, `/oauth2/token`, `/logout` under it). */
  hostedUiUrl: string;
  /** Where the hosted UI returns, as registered on the client. */
  redirectUrl: string;
}

export const idTokenKey = 'console.idToken';
const verifierKey = 'console.pkceVerifier';
const returnHashKey = 'console.returnHash';

const base64Url = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** The token's claims, unchecked: the API checks the signature, the page only reads who it is. */
export function claimsOf(token: string): Record<string, unknown> | undefined {
  try {
    const payload = token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(payload), (char) => char.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function validToken(): string | undefined {
  const token = sessionStorage.getItem(idTokenKey);
  const expires = token ? claimsOf(token)?.exp : undefined;
  return token && typeof expires === 'number' && expires * 1000 > Date.now() + 60_000 ? token : undefined;
}

async function redirectToSignIn(config: CognitoConfig): Promise<never> {
  const verifier = base64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(verifierKey, verifier);
  sessionStorage.setItem(returnHashKey, location.hash);
  const query = new URLSearchParams({ response_type: 'code', client_id: config.clientId, redirect_uri: config.redirectUrl, scope: 'openid email profile', code_challenge: challenge, code_challenge_method: 'S256' });
  location.assign(`${config.hostedUiUrl}/oauth2/authorize?${query}`);
  return new Promise<never>(() => undefined);
}

async function exchangeCode(config: CognitoConfig, code: string, verifier: string): Promise<string> {
  const response = await fetch(`${config.hostedUiUrl}/oauth2/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', client_id: config.clientId, code, redirect_uri: config.redirectUrl, code_verifier: verifier }),
  });
  if (!response.ok) throw new Error(`sign-in failed (${response.status})`);
  const { id_token: idToken } = (await response.json()) as { id_token?: string };
  if (!idToken) throw new Error('sign-in returned no ID token');
  return idToken;
}

/** The signed-in user's ID token: kept, or from the hosted UI's return, or after a redirect to sign in. */
export async function signIn(config: CognitoConfig): Promise<string> {
  const kept = validToken();
  if (kept) return kept;
  const code = new URLSearchParams(location.search).get('code');
  const verifier = sessionStorage.getItem(verifierKey);
  if (code && verifier) {
    sessionStorage.removeItem(verifierKey);
    const token = await exchangeCode(config, code, verifier);
    sessionStorage.setItem(idTokenKey, token);
    // The code is spent: take it out of the address bar, back to the page the user was on.
    history.replaceState(null, '', `${location.pathname}${sessionStorage.getItem(returnHashKey) ?? ''}`);
    return token;
  }
  return redirectToSignIn(config);
}

export function signOut(config: CognitoConfig): void {
  sessionStorage.removeItem(idTokenKey);
  location.assign(`${config.hostedUiUrl}/logout?${new URLSearchParams({ client_id: config.clientId, logout_uri: config.redirectUrl })}`);
}
