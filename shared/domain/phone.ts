import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * A phone number in E.164 form, or undefined when it is not a real number. Uses the full
 * metadata: the minimal set accepts numbers of the right length that do not exist.
 */
export function toE164(raw: string): string | undefined {
  const parsed = parsePhoneNumberFromString(raw);
  return parsed?.isValid() ? parsed.number : undefined;
}
