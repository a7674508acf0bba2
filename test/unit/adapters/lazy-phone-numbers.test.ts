import { describe, expect, it } from 'vitest';
import { parsePhoneNumberFromString } from '../../../shared/adapters/phone/lazy-phone-numbers';
import { TransientDeliveryError } from '../../../shared/domain/errors';

describe("libphonenumber loaded on the dispatch function's first SMS", () => {
  // Beside the source there is no built metadata file, as in a package whose copy went missing;
  // the bundled dispatch run in test/infra/bundling.test.ts sends an SMS through the real one.
  it('asks for a retry when the metadata file cannot be loaded, instead of calling the number invalid', () => {
    expect(() => parsePhoneNumberFromString('+8613812345678')).toThrow(TransientDeliveryError);
    expect(() => parsePhoneNumberFromString('+8613812345678')).toThrow('the phone number metadata could not be loaded');
  });
});
