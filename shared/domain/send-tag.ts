import { boundedMemo } from './bounded-memo';
import type { DispatchMessage } from './dispatch-message';

/** The ledger key of one send. */
export type SendKey = Pick<DispatchMessage, 'customerId' | 'journeyId' | 'occurrenceKey' | 'messageId'>;

/**
 * The `send` tag on an email: its ledger send in one value SES accepts (tag values allow only
 * letters, digits, `_` and `-`, and occurrence keys hold `/` and `#`), so a bounce or complaint
 * event, which carries the message's tags, finds the send and its customer without an index on
 * SES message ids.
 */
export function sendTagOf(send: SendKey): string {
  const json = JSON.stringify([send.customerId, send.journeyId, send.occurrenceKey, send.messageId]);
  // Every email carries one: encoded through one kept buffer rather than a new Buffer per email
  // (half the cost), when its UTF-8 surely fits (at most 3 bytes a UTF-16 unit).
  if (json.length * 3 > tagScratch.length) return Buffer.from(json).toString('base64url');
  return tagScratch.toString('base64url', 0, tagScratch.write(json));
}

const tagScratch = Buffer.alloc(1024);

/** The send a tag names, or undefined when the value is not one of ours. */
export function sendOfTag(tag: string): SendKey | undefined {
  try {
    const value = JSON.parse(Buffer.from(tag, 'base64url').toString('utf8')) as unknown;
    if (!Array.isArray(value) || value.length !== 4 || !value.every((part) => typeof part === 'string' && part.length > 0)) return undefined;
    const [customerId, journeyId, occurrenceKey, messageId] = value as [string, string, string, string];
    return { customerId, journeyId, occurrenceKey, messageId };
  } catch {
    return undefined;
  }
}

const encodedDealer = (dealerId: string) => Buffer.from(dealerId).toString('base64url');

/**
 * The `dealer` tag on an email: the customer's dealer, so SES feedback files a bounce or complaint
 * under it without reading the customer. Every email carries one, and a few dealers send them all:
 * each dealer's is encoded once (bounded, as a warm Lambda may meet any number of dealers).
 */
export const dealerTagOf: (dealerId: string) => string = /* @__PURE__ */ boundedMemo(10_000, encodedDealer);

/** The dealer a `dealer` tag names, or undefined when it names none. */
export function dealerOfTag(tag: string): string | undefined {
  const dealerId = Buffer.from(tag, 'base64url').toString('utf8');
  // Checked by encoding anew, not through the kept tags: feedback may carry any value.
  return dealerId.length > 0 && encodedDealer(dealerId) === tag ? dealerId : undefined;
}
