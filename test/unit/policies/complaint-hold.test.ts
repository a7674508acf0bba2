import { describe, expect, it } from 'vitest';
import { complaintHoldPolicy } from '../../../shared/domain/policies/complaint-hold';
import { aPolicyInput } from '../../helpers/policy-input';

const open = { reference: 'LDN-1', openedOn: '2026-03-01' };

describe('complaint hold policy', () => {
  it('skips a promotional message while a complaint is open', () => {
    expect(complaintHoldPolicy(aPolicyInput({ complaints: [open] }))).toEqual({ decision: 'skip', status: 'skipped', reason: 'complaint-open' });
  });

  it('treats a message queued before categories as promotional', () => {
    const input = aPolicyInput({ complaints: [open] });
    const { category: _category, ...message } = input.message;

    expect(complaintHoldPolicy({ ...input, message })).toMatchObject({ decision: 'skip', reason: 'complaint-open' });
  });

  it('lets service messages through', () => {
    const input = aPolicyInput({ complaints: [open] });

    expect(complaintHoldPolicy({ ...input, message: { ...input.message, category: 'service' } })).toEqual({ decision: 'send' });
  });

  it('sends once the complaint is closed, and before one is opened, on the customer\'s local date', () => {
    // 23:30 UTC on 13 March is already 14 March in Shanghai.
    const now = new Date('2026-03-13T23:30:00Z');
    const closed = { ...open, closedOn: '2026-03-10' };
    const openingTomorrowInLondon = { reference: 'LDN-2', openedOn: '2026-03-14' };

    expect(complaintHoldPolicy(aPolicyInput({ complaints: [closed] }))).toEqual({ decision: 'send' });
    expect(complaintHoldPolicy(aPolicyInput({ complaints: [openingTomorrowInLondon], now }))).toEqual({ decision: 'send' });
    expect(
      complaintHoldPolicy(aPolicyInput({ complaints: [openingTomorrowInLondon], now, customer: { ...aPolicyInput().customer, timeZone: 'Asia/Shanghai' } })),
    ).toMatchObject({ decision: 'skip' });
  });
});
