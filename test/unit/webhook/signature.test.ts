import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signWebhookPayload, verifyWebhookSignature } from '../../../shared/adapters/webhook/signature';

const secret = 'whsec_current_0123456789abcdef0123456789';
const previous = 'whsec_previous_0123456789abcdef012345678';
const body = JSON.stringify({ type: 'task.created', id: 'ann#post-delivery-call#VIN1#call', task: { title: 'Call Ann' } });
const signedAt = new Date('2026-03-14T09:00:00.000Z');
const secondsAfter = (seconds: number) => new Date(signedAt.getTime() + seconds * 1000);

describe('webhook signatures', () => {
  it('verifies a body signed with the same secret', () => {
    const header = signWebhookPayload(body, [secret], signedAt);

    const check = verifyWebhookSignature(header, body, [secret], secondsAfter(2));

    expect(header).toMatch(/^t=1773478800,v1=[0-9a-f]{64}$/);
    expect(check).toEqual({ valid: true, timestamp: 1773478800 });
  });

  it('round-trips any body, secret and time', () => {
    fc.assert(
      fc.property(fc.string(), fc.string({ minLength: 1 }), fc.integer({ min: 0, max: 4_000_000_000 }), (anyBody, anySecret, unix) => {
        const at = new Date(unix * 1000);
        expect(verifyWebhookSignature(signWebhookPayload(anyBody, [anySecret], at), anyBody, [anySecret], at).valid).toBe(true);
      }),
    );
  });

  it('accepts a signature up to the tolerance either side of now and refuses one past it', () => {
    const header = signWebhookPayload(body, [secret], signedAt);

    expect(verifyWebhookSignature(header, body, [secret], secondsAfter(300)).valid).toBe(true);
    expect(verifyWebhookSignature(header, body, [secret], secondsAfter(-300)).valid).toBe(true);
    expect(verifyWebhookSignature(header, body, [secret], secondsAfter(301))).toEqual({ valid: false, reason: 'outside-tolerance' });
    expect(verifyWebhookSignature(header, body, [secret], secondsAfter(-301))).toEqual({ valid: false, reason: 'outside-tolerance' });
    expect(verifyWebhookSignature(header, body, [secret], secondsAfter(60), 30)).toEqual({ valid: false, reason: 'outside-tolerance' });
  });

  it('during a rotation signs with both secrets, so a receiver holding either one verifies', () => {
    const header = signWebhookPayload(body, [secret, previous], signedAt);

    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifyWebhookSignature(header, body, [secret], signedAt).valid).toBe(true);
    expect(verifyWebhookSignature(header, body, [previous], signedAt).valid).toBe(true);
  });

  it('lets a receiver holding both secrets verify a payload signed with either', () => {
    expect(verifyWebhookSignature(signWebhookPayload(body, [previous], signedAt), body, [secret, previous], signedAt).valid).toBe(true);
    expect(verifyWebhookSignature(signWebhookPayload(body, [secret], signedAt), body, [secret, previous], signedAt).valid).toBe(true);
  });

  it('fails a tampered body, a tampered timestamp, a tampered signature and another secret', () => {
    const header = signWebhookPayload(body, [secret], signedAt);
    const timestamp = Math.floor(signedAt.getTime() / 1000);
    const signature = header.split('v1=')[1]!;
    const flipped = `${signature.slice(0, -1)}${signature.endsWith('0') ? '1' : '0'}`;

    expect(verifyWebhookSignature(header, body.replace('Call Ann', 'Call Bob'), [secret], signedAt)).toEqual({ valid: false, reason: 'no-matching-signature' });
    expect(verifyWebhookSignature(`t=${timestamp + 1},v1=${signature}`, body, [secret], signedAt)).toEqual({ valid: false, reason: 'no-matching-signature' });
    expect(verifyWebhookSignature(`t=${timestamp},v1=${flipped}`, body, [secret], signedAt)).toEqual({ valid: false, reason: 'no-matching-signature' });
    expect(verifyWebhookSignature(header, body, ['whsec_someone_else_0123456789abcdef0123'], signedAt)).toEqual({ valid: false, reason: 'no-matching-signature' });
  });

  it('refuses a missing or malformed header without throwing', () => {
    const signature = 'a'.repeat(64);
    for (const header of [undefined, '', 'v1=' + signature, 't=abc,v1=' + signature, 't=1773478800', 't=1773478800,v1=xyz', 't=1,t=2,v1=' + signature, 'garbage']) {
      expect(verifyWebhookSignature(header, body, [secret], signedAt)).toEqual({ valid: false, reason: 'malformed-header' });
    }
  });

  it('ignores signature schemes it does not know, so a later v2 beside v1 still verifies', () => {
    const header = signWebhookPayload(body, [secret], signedAt);

    expect(verifyWebhookSignature(`${header},v2=${'b'.repeat(64)}`, body, [secret], signedAt).valid).toBe(true);
  });
});
