import { describe, expect, it } from 'vitest';
import { suppressionVerdict } from '../../shared/domain/policies/suppression';
import type { Suppression } from '../../shared/domain/suppression';

const customer = { email: 'ann.lee@example.com' };
const entry = (overrides: Partial<Suppression> = {}): Suppression => ({
  customerId: 'c-0001',
  channel: 'email',
  scope: 'promotional',
  reason: 'unsubscribe',
  source: 'one-click',
  at: '2026-03-14T09:00:00Z',
  ...overrides,
});

describe('suppression policy', () => {
  it('skips a promotional email to a customer who unsubscribed from promotions, naming the reason', () => {
    expect(suppressionVerdict({ channel: 'email', category: 'promotional' }, customer, [entry()])).toEqual({ send: false, reason: 'suppressed: unsubscribe' });
  });

  it('still sends a service email to a customer who unsubscribed from promotions only', () => {
    expect(suppressionVerdict({ channel: 'email', category: 'service' }, customer, [entry()])).toEqual({ send: true });
  });

  it('counts a message without a category as promotional', () => {
    expect(suppressionVerdict({ channel: 'email' }, customer, [entry()]).send).toBe(false);
  });

  it('stops every category on the channel for an entry of scope all, and leaves other channels alone', () => {
    const stop = entry({ channel: 'sms', scope: 'all', reason: 'sms-opt-out' });

    expect(suppressionVerdict({ channel: 'sms', category: 'service' }, customer, [stop])).toEqual({ send: false, reason: 'suppressed: sms-opt-out' });
    expect(suppressionVerdict({ channel: 'email', category: 'promotional' }, customer, [stop])).toEqual({ send: true });
  });

  it('sends again once the entry is lifted (START after STOP)', () => {
    const lifted = entry({ channel: 'sms', scope: 'all', reason: 'sms-opt-out', liftedAt: '2026-03-15T09:00:00Z' });

    expect(suppressionVerdict({ channel: 'sms', category: 'promotional' }, customer, [lifted])).toEqual({ send: true });
  });

  it('stops mail to a bounced address whatever its case, but not to a new address the customer gave since', () => {
    const bounce = entry({ scope: 'all', reason: 'hard-bounce', address: 'Ann.Lee@Example.com' });

    expect(suppressionVerdict({ channel: 'email', category: 'service' }, customer, [bounce])).toEqual({ send: false, reason: 'suppressed: hard-bounce' });
    expect(suppressionVerdict({ channel: 'email', category: 'service' }, { email: 'ann@new.example' }, [bounce])).toEqual({ send: true });
  });

  it('never suppresses a task for the dealer staff', () => {
    expect(suppressionVerdict({ channel: 'task', category: 'service' }, customer, [entry({ scope: 'all', reason: 'erasure' })])).toEqual({ send: true });
  });
});
