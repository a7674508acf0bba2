import { describe, expect, it } from 'vitest';
import { consentPolicy } from '../../../shared/domain/policies/consent';
import { aCustomer } from '../../helpers/factories';
import { aPolicyInput } from '../../helpers/policy-input';

const withdrawn = { granted: false, source: 'sms-stop-reply', at: '2026-03-14T08:00:00Z' };

describe('consent policy', () => {
  it('sends on a channel the customer granted', () => {
    expect(consentPolicy(aPolicyInput())).toEqual({ decision: 'send' });
  });

  it('skips with a reason when consent was withdrawn (read at dispatch, not at planning)', () => {
    const customer = aCustomer({ consent: { ...aCustomer().consent, sms: withdrawn } });

    expect(consentPolicy(aPolicyInput({ customer }))).toEqual({ decision: 'skip', status: 'skipped', reason: 'no-consent' });
  });

  it('skips a channel with consent but nowhere to go', () => {
    const { phone: _phone, ...customer } = aCustomer();

    expect(consentPolicy(aPolicyInput({ customer }))).toMatchObject({ decision: 'skip', reason: 'no-consent' });
  });

  it('lets a task through without consent: it is work for the dealer, not a message', () => {
    const customer = aCustomer({ consent: {} });
    const input = aPolicyInput({ customer });

    expect(consentPolicy({ ...input, message: { ...input.message, channel: 'task' } })).toEqual({ decision: 'send' });
  });
});
