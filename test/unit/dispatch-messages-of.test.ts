import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DispatchMessage, dispatchMessagesOf } from '../../shared/domain/dispatch-message';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { DayContenders } from '../../shared/domain/policies/frequency-cap';

/**
 * The messages written plainly, each built whole from the occurrence: what `dispatchMessagesOf`
 * builds with what they share worked out once must be the same, field for field and in the same
 * key order (a queue body is this object as JSON).
 */
function plainMessagesOf(occurrence: DueOccurrence, plannedAt?: Date, dayContenders?: DayContenders): DispatchMessage[] {
  return occurrence.messages
    .filter((message) => message.contactable)
    .map((message) => ({
      version: 1,
      journeyId: occurrence.journeyId,
      occurrenceKey: occurrence.occurrenceKey,
      occurrenceDate: occurrence.occurrenceDate,
      ...(occurrence.sendDate ? { sendDate: occurrence.sendDate } : {}),
      customerId: occurrence.customerId,
      messageId: message.messageId,
      channel: message.channel,
      template: message.template,
      ...(occurrence.facts && Object.keys(occurrence.facts).length > 0 ? { facts: { ...occurrence.facts } } : {}),
      ...(occurrence.category ? { category: occurrence.category } : {}),
      ...(occurrence.priority !== undefined ? { priority: occurrence.priority } : {}),
      ...(plannedAt ? { plannedAt: plannedAt.toISOString() } : {}),
      ...(dayContenders ? { dayContenders } : {}),
      ...(occurrence.validUntil ? { validUntil: occurrence.validUntil } : {}),
    }));
}

const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const date = fc.integer({ min: 0, max: 20_000 }).map((day) => new Date(Date.UTC(2000, 0, 1) + day * 86_400_000).toISOString().slice(0, 10));
const message = fc.record({ messageId: word, channel: fc.constantFrom('email', 'sms', 'print', 'task' as const), template: word, contactable: fc.boolean() });
const occurrence: fc.Arbitrary<DueOccurrence> = fc.record(
  {
    journeyId: word,
    customerId: word,
    occurrenceKey: word,
    occurrenceDate: date,
    sendDate: date,
    category: fc.constantFrom('promotional', 'service', 'transactional' as const),
    priority: fc.integer({ min: 0, max: 200 }),
    facts: fc.dictionary(word, fc.oneof(word, fc.integer()), { maxKeys: 3 }),
    validUntil: fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z'), noInvalidDate: true }).map((instant) => instant.toISOString()),
    messages: fc.array(message, { maxLength: 4 }),
  },
  { requiredKeys: ['journeyId', 'customerId', 'occurrenceKey', 'occurrenceDate', 'messages'] },
);
const contenders = fc.record({ date, contenders: fc.array(fc.record({ journeyId: word, occurrenceKey: word, priority: fc.integer({ min: 0, max: 200 }) }), { maxLength: 3 }) });

describe('the dispatch messages of an occurrence', () => {
  it('are those built whole from the occurrence, field for field and key for key, each with its own facts (random occurrences)', () => {
    fc.assert(
      fc.property(occurrence, fc.option(fc.date({ noInvalidDate: true, min: new Date('2000-01-01T00:00:00Z'), max: new Date('2060-01-01T00:00:00Z') }), { nil: undefined }), fc.option(contenders, { nil: undefined }), (due, plannedAt, dayContenders) => {
        const messages = dispatchMessagesOf(due, plannedAt, dayContenders);
        const plain = plainMessagesOf(due, plannedAt, dayContenders);

        expect(messages).toStrictEqual(plain);
        expect(messages.map((queued) => JSON.stringify(queued))).toEqual(plain.map((queued) => JSON.stringify(queued)));
        for (const queued of messages) expect(DispatchMessage.safeParse(queued).success).toBe(true);
        // No message shares its facts with another, or with the occurrence.
        const facts = messages.flatMap((queued) => (queued.facts ? [queued.facts] : []));
        expect(new Set([...facts, due.facts]).size).toBe(facts.length + 1);
      }),
      { numRuns: 1000 },
    );
  });
});
