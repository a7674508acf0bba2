import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sendCountKey, sendCountOfKey } from '../../../shared/adapters/dynamodb/keys';
import { Channel } from '../../../shared/domain/customer';
import { countedOutcomes } from '../../../shared/ports/send-counts';

const identifier = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);

describe("an outcome counter's key", () => {
  it('gives back the dealer, day, journey, step, channel and outcome it was built from, whatever the dealer id (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          dealerId: fc.string({ minLength: 1, maxLength: 20 }),
          day: fc.date({ min: new Date('2000-01-01'), max: new Date('2099-12-31'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10)),
          journeyId: identifier,
          stepId: identifier,
          channel: fc.constantFrom(...Channel.options),
          outcome: fc.constantFrom(...countedOutcomes),
        }),
        (count) => {
          expect(sendCountOfKey(sendCountKey(count))).toEqual(count);
        },
      ),
    );
  });

  it('is not read from a key of another kind', () => {
    expect(sendCountOfKey({ PK: 'CUST#c-1', SK: 'SEND#birthday#2026#email' })).toBeUndefined();
  });
});
