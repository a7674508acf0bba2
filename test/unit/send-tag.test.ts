import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealerOfTag, dealerTagOf } from '../../shared/domain/send-tag';

describe('the dealer tag on an email', () => {
  it('is the dealer id in base64url, whether asked for the first time or again, and names the dealer back (random ids, repeated)', () => {
    const dealerId = fc.oneof(fc.constantFrom('sh-01', 'syd-02', 'la-03'), fc.string({ minLength: 1, maxLength: 12 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 6 }));
    fc.assert(
      fc.property(fc.array(dealerId, { minLength: 1, maxLength: 12 }), (dealerIds) => {
        for (const id of dealerIds) {
          expect(dealerTagOf(id)).toBe(Buffer.from(id).toString('base64url'));
          expect(dealerOfTag(dealerTagOf(id))).toBe(id);
        }
      }),
      { numRuns: 300 },
    );
  });
});
