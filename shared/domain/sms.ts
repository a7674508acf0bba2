/**
 * SMS length: how many segments a text costs before it is sent. Carriers bill and deliver per
 * segment; a text that needs a single character outside GSM-7 (any Chinese character, an emoji,
 * a curly quote) is sent as UCS-2 and fits less than half as much per segment.
 */
import { toE164 } from './phone';

/** Longest SMS the engine sends, in segments: past this a text is a template fault, not a greeting. */
export const SMS_MAX_SEGMENTS = 3;

export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SmsLength {
  encoding: SmsEncoding;
  /** Segments the text is split into (0 for an empty text). */
  segments: number;
}

// GSM 03.38 default alphabet (one septet each) and its extension table (escape + one septet).
const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENSION = new Set('\f^{}\\[~]|€');

// Per segment: a lone message has the whole payload; in a concatenated one the user-data header
// takes 6 octets, leaving 153 septets or 67 UCS-2 code units.
const CAPACITY = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

/**
 * Encoding and segment count of an SMS text, as a carrier splits it: an escaped GSM-7 character
 * or a UCS-2 surrogate pair is never split across two segments.
 *
 * @example
 * smsLength('Happy birthday, Ann!')        // { encoding: 'GSM-7', segments: 1 }
 * smsLength('祝您生日快乐'.repeat(12))       // { encoding: 'UCS-2', segments: 2 }
 */
export function smsLength(text: string): SmsLength {
  const characters = [...text];
  const gsm = characters.every((c) => GSM_BASIC.has(c) || GSM_EXTENSION.has(c));
  // Units each character takes: septets in GSM-7, UTF-16 code units in UCS-2.
  const units = gsm ? characters.map((c) => (GSM_EXTENSION.has(c) ? 2 : 1)) : characters.map((c) => c.length);
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const total = units.reduce((sum, n) => sum + n, 0);
  const { single, multi } = CAPACITY[encoding];
  if (total === 0) return { encoding, segments: 0 };
  if (total <= single) return { encoding, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const n of units) {
    if (used + n > multi) {
      segments++;
      used = 0;
    }
    used += n;
  }
  return { encoding, segments };
}

/** An SMS ready for the carrier: the number in E.164, the text's length, and why it cannot go, if it cannot. */
export interface PreparedSms extends SmsLength {
  /** The number in E.164 form; undefined when the customer has none that is a real mobile number. */
  to: string | undefined;
  text: string;
  /** Why the text cannot be sent as it is (no valid number, over the segment cap); undefined when it can. */
  problem: string | undefined;
}

/**
 * Checks a rendered SMS before it is sent: the number as E.164 and the segments the text costs.
 * Dispatch refuses what has a `problem` (a runaway template must not send a wall of text);
 * preview shows the text with the problem beside it.
 */
export function prepareSms(text: string, phone: string | undefined): PreparedSms {
  const to = phone === undefined ? undefined : toE164(phone);
  const length = smsLength(text);
  const problem =
    to === undefined
      ? 'phone number is not a valid mobile number'
      : length.segments > SMS_MAX_SEGMENTS
        ? `SMS text needs ${length.segments} ${length.encoding} segments, over the cap of ${SMS_MAX_SEGMENTS}`
        : undefined;
  return { to, text, ...length, problem };
}
