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
const GSM_BASIC = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';

/**
 * Septets of each UTF-16 code unit in GSM-7: 1 in the alphabet, 2 in its extension, 0 outside
 * (every GSM-7 character is one code unit, and no surrogate is one). A table read per character
 * rather than two set lookups: every simulated SMS is counted.
 */
const GSM_SEPTETS = new Uint8Array(0x10000);
for (const character of GSM_BASIC) GSM_SEPTETS[character.charCodeAt(0)] = 1;
for (const character of GSM_EXTENSION) GSM_SEPTETS[character.charCodeAt(0)] = 2;

// Per segment: a lone message has the whole payload; in a concatenated one the user-data header
// takes 6 octets, leaving 153 septets or 67 UCS-2 code units.
const CAPACITY = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
} as const;

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * Encoding and segment count of an SMS text, as a carrier splits it: an escaped GSM-7 character
 * or a UCS-2 surrogate pair is never split across two segments. In UCS-2 the text's length is its
 * units; only a text longer than one segment is walked again, character by character, to split it.
 *
 * @example
 * smsLength('Happy birthday, Ann!')        // { encoding: 'GSM-7', segments: 1 }
 * smsLength('祝您生日快乐'.repeat(12))       // { encoding: 'UCS-2', segments: 2 }
 */
export function smsLength(text: string): SmsLength {
  let septets = 0;
  for (let index = 0; index < text.length && septets >= 0; index += 1) {
    const per = GSM_SEPTETS[text.charCodeAt(index)]!;
    septets = per === 0 ? -1 : septets + per;
  }
  const gsm = septets >= 0;
  const encoding: SmsEncoding = gsm ? 'GSM-7' : 'UCS-2';
  const total = gsm ? septets : text.length;
  const { single, multi } = CAPACITY[encoding];
  if (total === 0) return { encoding, segments: 0 };
  if (total <= single) return { encoding, segments: 1 };
  let segments = 1;
  let used = 0;
  for (let index = 0; index < text.length; ) {
    const unit = text.charCodeAt(index);
    // Units the character takes: septets in GSM-7; in UCS-2 two for a surrogate pair, else one.
    const pair = !gsm && isHighSurrogate(unit) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1));
    const units = gsm ? GSM_SEPTETS[unit]! : pair ? 2 : 1;
    index += pair ? 2 : 1;
    if (used + units > multi) {
      segments++;
      used = 0;
    }
    used += units;
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
  // Field by field: a spread of the length per text cost more than the object.
  return { to, text, encoding: length.encoding, segments: length.segments, problem };
}
