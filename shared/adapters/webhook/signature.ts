/**
 * Signatures of the task webhook, Stripe-style, so a dealer's CRM can tell our POSTs from forgeries
 * and replays:
 *
 * ```text
 * Dealer-Journeys-Signature: t=1767225600,v1=5257a869...,v1=9f1c0b2e...
 * ```
 *
 * `t` is the Unix time of signing; each `v1` is the hex HMAC-SHA256, under one active secret, of
 * `"<t>.<raw body>"`. During a rotation two secrets are active and both sign, so a receiver holding
 * either verifies. Pure (the time is passed in): the same functions serve the engine, the tests and
 * dealers' developers.
 *
 * @example
 * // In a CRM's webhook handler, with the raw body as received (not re-serialised JSON):
 * const check = verifyWebhookSignature(request.headers['dealer-journeys-signature'], rawBody, [secret], new Date());
 * if (!check.valid) return reply(400, check.reason);
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const signatureHeader = 'Dealer-Journeys-Signature';

/** Five minutes, as Stripe: long enough for clock skew and a retry, short for a replay. */
export const defaultToleranceSeconds = 300;

function hmacHex(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
}

/** The header value for `body` signed at `now` under every active secret. */
export function signWebhookPayload(body: string, secrets: readonly string[], now: Date): string {
  if (secrets.length === 0) throw new Error('at least one signing secret is needed');
  const timestamp = Math.floor(now.getTime() / 1000);
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmacHex(secret, timestamp, body)}`)].join(',');
}

export type SignatureCheck =
  | { valid: true; timestamp: number }
  | { valid: false; reason: 'malformed-header' | 'outside-tolerance' | 'no-matching-signature' };

function parseHeader(header: string): { timestamp: number; signatures: string[] } | undefined {
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value, ...rest] = part.trim().split('=');
    if (value === undefined || rest.length > 0) return undefined;
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value) || timestamp !== undefined) return undefined;
      timestamp = Number(value);
    } else if (key === 'v1') {
      if (/^[0-9a-f]{64}$/.test(value)) signatures.push(value);
    }
    // Other schemes (a future v2) are skipped, so a receiver keeps working when one is added.
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}

/**
 * Whether `header` signs `body` under one of `secrets` at a time within `toleranceSeconds` of
 * `now` (either side: a sender's clock may run ahead). Compares in constant time.
 */
export function verifyWebhookSignature(
  header: string | undefined,
  body: string,
  secrets: readonly string[],
  now: Date,
  toleranceSeconds = defaultToleranceSeconds,
): SignatureCheck {
  const parsed = header === undefined ? undefined : parseHeader(header);
  if (!parsed) return { valid: false, reason: 'malformed-header' };
  if (Math.abs(now.getTime() / 1000 - parsed.timestamp) > toleranceSeconds) return { valid: false, reason: 'outside-tolerance' };
  for (const secret of secrets) {
    const expected = Buffer.from(hmacHex(secret, parsed.timestamp, body), 'hex');
    for (const signature of parsed.signatures) {
      if (timingSafeEqual(expected, Buffer.from(signature, 'hex'))) return { valid: true, timestamp: parsed.timestamp };
    }
  }
  return { valid: false, reason: 'no-matching-signature' };
}
