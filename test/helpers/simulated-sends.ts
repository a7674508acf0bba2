/** Simulated sends for the report's tests: one by hand, or a made-up period of a few journeys. */
import { addDays } from '../../shared/domain/dates';
import type { SimulatedSend } from '../../shared/domain/simulated-send';

export function aSimulatedSend(overrides: Partial<SimulatedSend> = {}): SimulatedSend {
  const localDate = overrides.localDate ?? '2026-03-14';
  return {
    customerId: 'c-1',
    dealerId: 'dealer-sh',
    journeyId: 'birthday',
    messageId: 'email',
    channel: 'email',
    category: 'promotional',
    occurrence: localDate.slice(0, 4),
    localDate,
    localTime: '09:00',
    utc: `${localDate}T01:00:00.000Z`,
    outcome: 'sent',
    ...overrides,
  };
}

/**
 * A period of sends as a simulation would write them: each customer's birthday (email, SMS held
 * back for some, a card mailed three days ahead), a service reminder by email every 120 days, and
 * a task for some on their anniversary. Deterministic for a given customer count.
 */
export function simulatedPeriod(customerCount: number, from: string, dayCount: number): SimulatedSend[] {
  const sends: SimulatedSend[] = [];
  for (let number = 0; number < customerCount; number += 1) {
    const customerId = `c-${number}`;
    const birthday = addDays(from, (number * 37) % dayCount);
    const occurrence = birthday.slice(0, 4);
    const base = { customerId, dealerId: `dealer-${number % 3}`, occurrence };
    sends.push(aSimulatedSend({ ...base, localDate: birthday }));
    sends.push(
      aSimulatedSend({
        ...base,
        messageId: 'sms',
        channel: 'sms',
        localDate: birthday,
        ...(number % 4 === 0 ? { outcome: 'skipped', reason: 'no consent' } : number % 4 === 1 ? { outcome: 'frequency-capped', reason: 'promotional cap: 2 in 7 days' } : {}),
      }),
    );
    if (number % 2 === 0) sends.push(aSimulatedSend({ ...base, messageId: 'card', channel: 'print', localDate: addDays(birthday, -3) }));
    for (let day = number % 120; day < dayCount; day += 120) {
      const localDate = addDays(from, day);
      sends.push(aSimulatedSend({ ...base, journeyId: 'service-reminder', messageId: 'email', category: 'service', occurrence: `V${number}:${day}`, localDate, localTime: '10:30' }));
    }
    if (number % 5 === 0) {
      sends.push(aSimulatedSend({ ...base, journeyId: 'post-delivery-call', messageId: 'call', channel: 'task', category: 'service', localDate: addDays(from, (number * 11) % dayCount), localTime: '08:00' }));
    }
  }
  return sends;
}
