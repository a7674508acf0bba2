import { canContact } from '../customer';
import { send, type Policy } from './policy';

/**
 * Consent for the channel, read at dispatch: a customer who opted out between planning and
 * sending is not contacted. A task needs no consent (it is work for the dealer's staff).
 */
export const consentPolicy: Policy = ({ message, customer }) =>
  canContact(customer, message.channel) ? send : { decision: 'skip', status: 'skipped', reason: 'no-consent' };
