import type { Locale } from '../domain/customer';
import { signUnsubscribeToken, unsubscribePath, verifyUnsubscribeToken, type UnsubscribeRequest } from '../domain/unsubscribe-token';
import type { SuppressionList } from '../ports/suppression';
import type { CustomerLocales, SigningKey } from '../ports/unsubscribe';

/** Builds the unsubscribe link of a message (dispatch). */
export interface UnsubscribeLinks {
  urlFor(request: UnsubscribeRequest): Promise<string>;
}

/** Links under the public API's base URL (`https://<api>` in AWS, `http://127.0.0.1:3000` locally). */
export function createUnsubscribeLinks(publicApiUrl: string, key: SigningKey): UnsubscribeLinks {
  const base = publicApiUrl.replace(/\/+$/, '');
  return {
    async urlFor(request) {
      return `${base}${unsubscribePath(signUnsubscribeToken(request, await key.signingKey()))}`;
    },
  };
}

export interface UnsubscribeDeps {
  key: SigningKey;
  suppressions: SuppressionList;
  locales: CustomerLocales;
}

/** What a link stands for: the request and the customer's language, or undefined for a link that is not ours. */
export type LinkTarget = { request: UnsubscribeRequest; locale: Locale } | undefined;

/**
 * Reads a link without acting on it (GET: the confirmation page). A valid link of a customer no
 * longer stored (erased) answers like any other, in English: the page must not tell a stranger
 * holding the link whether the customer exists.
 */
export async function readUnsubscribeLink(token: string, deps: UnsubscribeDeps): Promise<LinkTarget> {
  const request = verifyUnsubscribeToken(token, await deps.key.signingKey());
  if (!request) return undefined;
  return { request, locale: (await deps.locales.localeOf(request.customerId)) ?? 'en' };
}

/**
 * Unsubscribes at once (RFC 8058 one-click POST, or the page's button): a suppression entry for
 * the link's channel and category, effective for every later send. Repeating it changes only the
 * time. Nothing is written for a customer no longer stored (an erasure must not be undone by an
 * old link).
 */
export async function unsubscribeByLink(token: string, deps: UnsubscribeDeps, now: Date): Promise<LinkTarget> {
  const request = verifyUnsubscribeToken(token, await deps.key.signingKey());
  if (!request) return undefined;
  const locale = await deps.locales.localeOf(request.customerId);
  if (locale === undefined) return { request, locale: 'en' };
  await deps.suppressions.suppress({
    customerId: request.customerId,
    channel: request.channel,
    scope: request.category,
    reason: 'unsubscribe',
    source: 'unsubscribe-link',
    at: now.toISOString(),
  });
  return { request, locale };
}
