/**
 * What an inbound SMS asks for: to stop SMS (`opt-out`), to start them again (`opt-in`), or
 * nothing we act on. Carriers' and regulators' keywords: STOP, UNSUBSCRIBE, CANCEL, END, QUIT,
 * and in China TD and 退订; START and UNSTOP undo them.
 */
export type SmsIntent = 'opt-out' | 'opt-in';

const optOutKeywords = new Set(['STOP', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'TD', '退订']);
const optInKeywords = new Set(['START', 'UNSTOP']);

/**
 * The intent of a reply whose whole text is one keyword, whatever its case, spacing (`s t o p`,
 * full-width letters) or closing punctuation. A sentence that merely contains "stop" ("don't stop
 * the reminders") is not one: acting on it would stop messages the customer wants.
 */
export function smsIntentOf(text: string): SmsIntent | undefined {
  const word = text
    .normalize('NFKC')
    .replace(/\s+/gu, '')
    .replace(/[.!。！]+$/u, '')
    .toUpperCase();
  if (optOutKeywords.has(word)) return 'opt-out';
  if (optInKeywords.has(word)) return 'opt-in';
  return undefined;
}
