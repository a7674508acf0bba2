import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { boundedMemo } from './bounded-memo';

/**
 * A phone number in E.164 form, or undefined when it is not a real number. Uses the full
 * metadata: the minimal set accepts numbers of the right length that do not exist.
 *
 * Parsing with the full metadata is a twentieth of a simulated year's work, and each customer's
 * number is asked again for every text they get: answers are kept, bounded as a warm Lambda sees
 * ever new numbers.
 */
export const toE164: (raw: string) => string | undefined = /* @__PURE__ */ boundedMemo(200_000, (raw: string) => {
  const parsed = parsePhoneNumberFromString(raw);
  return parsed?.isValid() ? parsed.number : undefined;
});
