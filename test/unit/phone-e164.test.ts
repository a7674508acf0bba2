import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { describe, expect, it } from 'vitest';
import { toE164 } from '../../shared/domain/phone';

// Numbers are parsed once and the answer kept: asked again, in any order, it must be what a
// fresh parse gives, for valid and invalid numbers alike.
const fresh = (raw: string) => {
  const parsed = parsePhoneNumberFromString(raw);
  return parsed?.isValid() ? parsed.number : undefined;
};

const someNumber = fc.oneof(
  fc.constantFrom('+44 7700 900123', '+86 138 0013 8000', '+1 213 555 0147', '+61 412 345 678', '+44 20 7946 0958', 'not a phone', '', '+999 123'),
  fc.tuple(fc.constantFrom('+44 7', '+86 13', '+1 415', '+61 4', '+49 15'), fc.stringMatching(/^[0-9 ]{4,12}$/)).map(([prefix, rest]) => prefix + rest),
);

describe('a phone number in E.164 form', () => {
  it('is what a fresh parse gives, however often and in whatever order numbers are asked', () => {
    fc.assert(
      fc.property(fc.array(someNumber, { minLength: 1, maxLength: 30 }), (numbers) => {
        for (const raw of [...numbers, ...numbers.reverse()]) expect(toE164(raw)).toBe(fresh(raw));
      }),
      { numRuns: 200 },
    );
  });

  it('meets both answers: real numbers in E.164 form and numbers that are not real', () => {
    const answers = ['+86 138 0013 8000', '+61 412 345 678', '+1 213 555 0147', '+44 20 7946 0958', 'not a phone'].map((raw) => toE164(raw));

    expect(answers.filter((answer) => answer?.startsWith('+')).length).toBeGreaterThan(0);
    expect(answers).toContain(undefined);
  });
});
