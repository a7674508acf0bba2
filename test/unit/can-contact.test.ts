import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canContact, Channel, ConsentChannel } from '../../shared/domain/customer';
import { aCustomer } from '../helpers/factories';

describe('whether a customer can be contacted on a channel', () => {
  const grant = fc.option(fc.record({ granted: fc.boolean(), source: fc.constant('form'), at: fc.constant('2026-01-01T00:00:00Z') }), { nil: undefined });
  // Consents in any shape: some channels missing, in any order.
  const consent = fc
    .tuple(fc.shuffledSubarray([...ConsentChannel.options]), grant, grant, grant)
    .map(([channels, ...grants]) => Object.fromEntries(channels.flatMap((channel, at) => (grants[at] ? [[channel, grants[at]]] : []))));

  it('needs an explicit grant of that channel and somewhere to send to; a task, only a dealer', () => {
    fc.assert(
      fc.property(consent, fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.constantFrom(...Channel.options), (granted, email, phone, post, dealer, channel) => {
        const base = aCustomer({ consent: granted });
        const customer = {
          ...base,
          email: email ? base.email : undefined,
          phone: phone ? base.phone : undefined,
          postalAddress: post ? base.postalAddress : undefined,
          dealerId: dealer ? base.dealerId : '',
        };
        const destination = { email, sms: phone, print: post, task: dealer }[channel];
        const expected = channel === 'task' ? dealer : granted[channel]?.granted === true && destination;

        expect(canContact(customer, channel)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
