import { createRequire } from 'node:module';
import type { PhoneNumber } from 'libphonenumber-js/max';
import { TransientDeliveryError } from '../../domain/errors';
import { phoneNumbersBundle } from '../../resources/phone-numbers-bundle';

type PhoneNumbers = typeof import('libphonenumber-js/max');

let loaded: PhoneNumbers | undefined;

/**
 * What `libphonenumber-js/max` is inside the dispatch bundle (infra aliases it here, see
 * {@link phoneNumbersBundle}): the metadata is required from its own file beside the handler on
 * the first number checked, so a cold start that sends no SMS neither parses nor runs it. A
 * failed load is not kept and is a transient failure: the message is retried, the next call
 * loads again.
 */
export function parsePhoneNumberFromString(text: string): PhoneNumber | undefined {
  try {
    loaded ??= createRequire(import.meta.url)(`./${phoneNumbersBundle.file}`) as PhoneNumbers;
  } catch (error) {
    throw new TransientDeliveryError('the phone number metadata could not be loaded', { cause: error });
  }
  return loaded.parsePhoneNumberFromString(text);
}
