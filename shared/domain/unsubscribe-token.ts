import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod';
import { ConsentChannel } from './customer';
import { JourneyCategory } from './journey/category';

/** What an unsubscribe link stops: one customer's messages of one category on one channel. */
export const UnsubscribeRequest = z.object({ customerId: z.string().min(1), channel: ConsentChannel, category: JourneyCategory });
export type UnsubscribeRequest = z.infer<typeof UnsubscribeRequest>;

const version = 'u1';
const encode = (value: string | Buffer) => Buffer.from(value).toString('base64url');
const mac = (payload: string, key: string) => createHmac('sha256', key).update(`${version}.${payload}`).digest();

/**
 * The token of an unsubscribe link: the request and an HMAC-SHA256 of it under the engine's
 * secret. Tamper-proof (changing the customer, channel or category breaks the MAC) and with no
 * expiry: a link in a mail read a year later must still work (RFC 8058 asks for it to keep
 * working). Deterministic, so every mail of a customer and category carries the same link.
 *
 * @example
 * const token = signUnsubscribeToken({ customerId: 'c-1', channel: 'email', category: 'promotional' }, key);
 * verifyUnsubscribeToken(token, key) // { customerId: 'c-1', channel: 'email', category: 'promotional' }
 */
export function signUnsubscribeToken(request: UnsubscribeRequest, key: string): string {
  const payload = encode(JSON.stringify([request.customerId, request.channel, request.category]));
  return `${version}.${payload}.${encode(mac(payload, key))}`;
}

/** The request a token carries, or undefined when it is malformed or not signed with `key`. */
export function verifyUnsubscribeToken(token: string, key: string): UnsubscribeRequest | undefined {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== version) return undefined;
  const [, payload, signature] = parts as [string, string, string];
  const expected = mac(payload, key);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  try {
    const [customerId, channel, category] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    const parsed = UnsubscribeRequest.safeParse({ customerId, channel, category });
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** The path of the public unsubscribe route for a token (GET: confirmation page; POST: one-click). */
export const unsubscribePath = (token: string) => `/unsubscribe/${token}`;
export const unsubscribePathPattern = /^\/unsubscribe\/([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)$/;
