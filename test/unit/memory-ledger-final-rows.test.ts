import { describe, expect, it } from 'vitest';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { SendRef } from '../../shared/ports/ledger';

const t0 = new Date('2026-03-14T09:00:00.000Z');
const occurrence: DueOccurrence = {
  journeyId: 'birthday',
  customerId: 'c-1',
  occurrenceKey: '2026',
  occurrenceDate: '2026-03-14',
  facts: { vehicleId: 'v-1' },
  messages: [
    { messageId: 'email', channel: 'email', template: 'birthday-email', contactable: true },
    { messageId: 'sms', channel: 'sms', template: 'birthday-sms', contactable: true },
  ],
};
const send = (messageId: string): SendRef => ({ customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026', messageId });

async function finishedOccurrence(finalRows: boolean) {
  const ledger = createMemoryLedger({ finalRows });
  await ledger.claimOccurrence(occurrence, t0);
  await ledger.markOccurrenceQueued(occurrence, t0);
  await ledger.claimSend(send('email'), 'email', t0, 90);
  await ledger.recordSendOutcome(send('email'), { channel: 'email', status: 'sent', providerMessageId: 'ses-1' }, t0);
  await ledger.claimSend(send('sms'), 'sms', t0, 90);
  await ledger.recordSendOutcome(send('sms'), { channel: 'sms', status: 'skipped', reason: 'quiet-hours' }, t0);
  await ledger.closeOccurrence(occurrence, t0);
  return ledger;
}

describe('in-memory ledger with final rows (what simulate keeps of a finished occurrence)', () => {
  it('keeps a closed occurrence as a final row: its sends beside it, none left in the send map, no facts', async () => {
    const ledger = await finishedOccurrence(true);

    expect(ledger.storedSends().length).toBe(0);
    expect(ledger.occurrences.get('c-1#birthday#2026')).not.toHaveProperty('facts');
    expect(ledger.storedSend(occurrence, 'sms')).toMatchObject({ channel: 'sms', status: 'skipped', reason: 'quiet-hours', updatedAt: t0.toISOString() });
  });

  it('answers for a final row as for the whole occurrence: done once, its sends finished', async () => {
    const whole = await finishedOccurrence(false);
    const final = await finishedOccurrence(true);
    const later = new Date(t0.getTime() + 60_000);

    for (const ledger of [whole, final]) {
      expect(await ledger.claimOccurrence(occurrence, later)).toBe('done');
      expect(await ledger.claimSend(send('email'), 'email', later, 90)).toEqual({ outcome: 'finished', status: 'sent' });
      expect(await ledger.expireSend(send('sms'), 'sms', 'expired', later)).toBe(false);
    }
    const statuses = async (ledger: typeof whole) => (await ledger.listOccurrenceSends(occurrence)).map(({ messageId, status, reason }) => ({ messageId, status, reason }));
    expect(await statuses(final)).toEqual(await statuses(whole));
  });
});
