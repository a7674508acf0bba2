import { describe, expect, it } from 'vitest';
import { createMemoryMessageSchedule } from '../../shared/adapters/memory/message-schedule';
import type { DispatchMessage } from '../../shared/domain/dispatch-message';

const message = (messageId: string, customerId = 'c-1'): DispatchMessage => ({
  version: 1,
  journeyId: 'appointment-reminders',
  occurrenceKey: 'a-1',
  occurrenceDate: '2026-12-01',
  customerId,
  messageId,
  channel: 'sms',
  template: 'reminder-sms',
});
const now = new Date('2026-11-27T10:00:00Z');

describe('the in-memory message schedule', () => {
  it('holds a send once: holding it again moves its due time', async () => {
    const schedule = createMemoryMessageSchedule();
    await schedule.hold({ message: message('24h'), dueAt: '2026-11-30T09:00:00.000Z', reason: 'appointment-reminder' }, now);
    await schedule.hold({ message: message('24h'), dueAt: '2026-12-01T09:00:00.000Z', reason: 'appointment-reminder' }, now);
    expect(schedule.all().map((entry) => entry.dueAt)).toEqual(['2026-12-01T09:00:00.000Z']);
    expect((await schedule.listDue(new Date('2026-11-30T23:00:00Z'), 10)).entries).toEqual([]);
  });

  it('lists what is due earliest first, and releases only an entry whose due time did not move', async () => {
    const schedule = createMemoryMessageSchedule();
    await schedule.hold({ message: message('2h'), dueAt: '2026-11-27T12:00:00.000Z', reason: 'quiet-hours' }, now);
    await schedule.hold({ message: message('24h'), dueAt: '2026-11-27T11:00:00.000Z', reason: 'quiet-hours' }, now);
    const due = await schedule.listDue(new Date('2026-11-27T12:00:00Z'), 10);
    expect(due.entries.map((entry) => entry.message.messageId)).toEqual(['24h', '2h']);
    const ref = { customerId: 'c-1', journeyId: 'appointment-reminders', occurrenceKey: 'a-1', messageId: '2h' };
    expect(await schedule.release(ref, '2026-11-27T13:00:00.000Z')).toBe(false);
    expect(await schedule.release(ref, '2026-11-27T12:00:00.000Z')).toBe(true);
    expect(await schedule.cancel({ ...ref, messageId: '24h' })).toBe(true);
    expect(await schedule.listForCustomer('c-1')).toEqual([]);
  });
});
