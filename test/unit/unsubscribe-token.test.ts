import { describe, expect, it } from 'vitest';
import { signUnsubscribeToken, verifyUnsubscribeToken } from '../../shared/domain/unsubscribe-token';

const key = 'k'.repeat(64);
const request = { customerId: 'c-0001', channel: 'email', category: 'promotional' } as const;

describe('unsubscribe token', () => {
  it('verifies what it signed, the same token every time', () => {
    const token = signUnsubscribeToken(request, key);

    expect(verifyUnsubscribeToken(token, key)).toEqual(request);
    expect(signUnsubscribeToken(request, key)).toBe(token);
  });

  it('refuses a token signed with another key, or with the customer, channel or category changed', () => {
    const token = signUnsubscribeToken(request, key);
    const [version, , signature] = token.split('.');
    const swapped = (value: unknown[]) => `${version}.${Buffer.from(JSON.stringify(value)).toString('base64url')}.${signature}`;

    expect(verifyUnsubscribeToken(token, 'x'.repeat(64))).toBeUndefined();
    expect(verifyUnsubscribeToken(swapped(['c-0002', 'email', 'promotional']), key)).toBeUndefined();
    expect(verifyUnsubscribeToken(swapped(['c-0001', 'sms', 'promotional']), key)).toBeUndefined();
    expect(verifyUnsubscribeToken(swapped(['c-0001', 'email', 'service']), key)).toBeUndefined();
  });

  it('refuses malformed tokens without throwing', () => {
    for (const token of ['', 'u1', 'u1.a.b', 'u2.a.b', 'u1..', `u1.${'A'.repeat(10)}.${'B'.repeat(43)}`]) {
      expect(verifyUnsubscribeToken(token, key)).toBeUndefined();
    }
  });
});
