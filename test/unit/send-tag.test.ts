import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealerOfTag, dealerTagOf, sendOfTag, sendTagOf } from '../../shared/domain/send-tag';

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

describe('the send tag on an email', () => {
  it('is the send key as JSON in base64url and names the send back, short or long, in any script (random keys)', () => {
    // Long parts too: a key whose UTF-8 may not fit the encoder's kept buffer takes the other path.
    const part = fc.oneof(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }), fc.string({ minLength: 300, maxLength: 700 }));
    fc.assert(
      fc.property(part, part, part, part, (customerId, journeyId, occurrenceKey, messageId) => {
        const send = { customerId, journeyId, occurrenceKey, messageId };
        const tag = sendTagOf(send);
        expect(tag).toBe(Buffer.from(JSON.stringify([customerId, journeyId, occurrenceKey, messageId])).toString('base64url'));
        expect(sendOfTag(tag)).toEqual(send);
      }),
      { numRuns: 300 },
    );
  });
});
