import { describe, expect, it } from 'vitest';
import { pausedVerdict } from '../../shared/domain/policies/paused';
import type { SendingPause } from '../../shared/domain/sending-pause';

const promotionalEmail: SendingPause = { channel: 'email', category: 'promotional', reason: 'ses-bounce-rate', source: 'alarm:BounceRate', at: '2026-03-14T09:00:00Z' };

describe('paused policy', () => {
  it('skips a promotional email while promotional email is paused, naming the reason', () => {
    expect(pausedVerdict({ channel: 'email', category: 'promotional' }, [promotionalEmail])).toEqual({ send: false, reason: 'paused: ses-bounce-rate' });
  });

  it('sends service email and promotional SMS during a promotional email pause', () => {
    expect(pausedVerdict({ channel: 'email', category: 'service' }, [promotionalEmail])).toEqual({ send: true });
    expect(pausedVerdict({ channel: 'sms', category: 'promotional' }, [promotionalEmail])).toEqual({ send: true });
  });

  it('sends when nothing is paused', () => {
    expect(pausedVerdict({ channel: 'email', category: 'promotional' }, [])).toEqual({ send: true });
  });
});
