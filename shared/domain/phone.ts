import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number in E.164 form, or undefined when it is not a real number. Uses the full
 * metadata: the minimal set accepts numbers of the right length that do not exist.
 */
export function toE164(raw: string): string | undefined {
  // Parsing with the full metadata is a twentieth of a simulated year's work, and each customer's
  // number is asked again for every text they get: answers are kept, bounded as a warm Lambda
  // sees ever new numbers.
  if (e164s.has(raw)) return e164s.get(raw);
  const parsed = parsePhoneNumberFromString(raw);
  const e164 = parsed?.isValid() ? parsed.number : undefined;
  if (e164s.size >= e164sKept) e164s.clear();
  e164s.set(raw, e164);
  return e164;
}

const e164s = new Map<string, string | undefined>();
const e164sKept = 200_000;
