import { describe, expect, it } from 'vitest';
import { decide, decideWithFallback, dispatchPolicies } from '../../../shared/domain/policies/chain';
import type { Policy } from '../../../shared/domain/policies/policy';
import { aCustomer } from '../../helpers/factories';
import { aPolicyInput } from '../../helpers/policy-input';

const noSms = aCustomer({ consent: { ...aCustomer().consent, sms: { granted: false, source: 'sms-stop-reply', at: '2026-03-14T08:00:00Z' } } });

describe('the dispatch policy chain', () => {
  it('answers with the first policy that does not say send', () => {
    const late: Policy = () => ({ decision: 'defer', until: new Date(0), reason: 'first' });
    const never: Policy = () => ({ decision: 'skip', status: 'skipped', reason: 'second' });

    expect(decide(aPolicyInput(), [late, never])).toMatchObject({ reason: 'first' });
    expect(decide(aPolicyInput())).toEqual({ decision: 'send' });
  });

  it('checks consent before quiet hours: a withdrawn SMS at night is skipped, not deferred', () => {
    expect(decide(aPolicyInput({ customer: noSms, now: new Date('2026-03-14T22:00:00Z') }))).toMatchObject({ decision: 'skip', reason: 'no-consent' });
  });

  it('skips a suppressed channel and a paused promotion before quiet hours or the cap look at them', () => {
    const night = new Date('2026-03-14T23:00:00Z');
    const unsubscribed = { customerId: 'c-1', channel: 'sms' as const, scope: 'all' as const, reason: 'sms-opt-out' as const, source: 'inbound-sms', at: '2026-03-01T10:00:00Z' };
    expect(decide(aPolicyInput({ now: night, suppressions: [unsubscribed] }))).toEqual({ decision: 'skip', status: 'skipped', reason: 'suppressed: sms-opt-out' });
    const paused = { channel: 'sms' as const, category: 'promotional' as const, reason: 'reputation', source: 'npm run pause', at: '2026-03-01T10:00:00Z' };
    expect(decide(aPolicyInput({ now: night, pauses: [paused] }))).toEqual({ decision: 'skip', status: 'skipped', reason: 'paused: reputation' });
    expect(decide(aPolicyInput({ now: night })).decision).toBe('defer');
  });

  it('holds a promotion for an open complaint before it can take a cap slot', () => {
    expect(dispatchPolicies.map((policy) => policy.name)).toEqual(['validUntilPolicy', 'consentPolicy', 'suppressionPolicy', 'pausePolicy', 'complaintHoldPolicy', 'quietHoursPolicy', 'frequencyCapPolicy']);
  });

  it('sends the fallback when the step\'s channel has no consent, under the fallback channel\'s own rules', () => {
    const fallback = { channel: 'email' as const, template: 'birthday-email' };

    // 22:00: an SMS would wait for the morning, email has no quiet hours.
    expect(decideWithFallback(aPolicyInput({ customer: noSms, now: new Date('2026-03-14T22:00:00Z') }), fallback)).toEqual({ decision: 'send', fallback });
    expect(decideWithFallback(aPolicyInput({ customer: noSms }), undefined)).toMatchObject({ decision: 'skip', reason: 'no-consent' });
    // With SMS consent the step goes on its own channel.
    expect(decideWithFallback(aPolicyInput(), fallback)).toEqual({ decision: 'send' });
  });

  it('skips with the fallback\'s reason when the fallback cannot reach the customer either', () => {
    const neither = aCustomer({ consent: { ...noSms.consent, email: { granted: false, source: 'unsubscribe', at: '2026-03-01T00:00:00Z' } } });

    expect(decideWithFallback(aPolicyInput({ customer: neither }), { channel: 'email', template: 'birthday-email' })).toMatchObject({ decision: 'skip', reason: 'no-consent' });
  });
});
