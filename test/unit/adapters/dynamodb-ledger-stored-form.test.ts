import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { occurrenceKey, openOccurrenceIndexKey, sendKey } from '../../../shared/adapters/dynamodb/keys';
import { parseOpenOccurrence, parseSendItem } from '../../../shared/adapters/dynamodb/ledger-items';
import { completeOccurrenceItem, completeSendItem, occurrenceIdsToStore, sendIdsToStore, storedMessages } from '../../../shared/adapters/dynamodb/ledger-stored-form';
import { Channel } from '../../../shared/domain/customer';
import type { DueMessage } from '../../../shared/domain/journey/plan';

const identifier = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
// Ids outside the journey schema (a `#` in them) must still come back: the item then stores them.
const anyId = fc.oneof(identifier, fc.stringMatching(/^[a-z#][a-z0-9#-]{0,12}$/));
const occurrenceKeyText = fc.stringMatching(/^[A-Za-z0-9@#:./-]{1,40}$/);
const message = (journeyId: string) =>
  fc.record({
    messageId: fc.oneof(fc.constantFrom(...Channel.options), anyId),
    channel: fc.constantFrom(...Channel.options),
    template: fc.oneof(fc.constant(undefined), identifier),
    contactable: fc.boolean(),
  }).map(({ template, ...rest }): DueMessage => ({ ...rest, template: template ?? `${journeyId}-${rest.messageId}` }));

describe('ledger items stored slim', () => {
  it('give back the ids and messages they were written with, whatever the ids and templates (property)', () => {
    fc.assert(
      fc.property(
        anyId.chain((journeyId) => fc.tuple(fc.constant(journeyId), occurrenceKeyText, fc.array(message(journeyId), { minLength: 1, maxLength: 4 }))),
        ([journeyId, occurrence, messages]) => {
          const key = occurrenceKey('c-1', journeyId, occurrence);
          const item = { ...key, ...occurrenceIdsToStore(key, journeyId, occurrence), messages: storedMessages(journeyId, messages) };

          expect(completeOccurrenceItem(item)).toMatchObject({ journeyId, occurrenceKey: occurrence, messages });
        },
      ),
    );
  });

  it('give back a send\'s ids from its key, or store them when the key cannot (property)', () => {
    fc.assert(
      fc.property(anyId, occurrenceKeyText, anyId, (journeyId, occurrence, messageId) => {
        const send = { customerId: 'c-1', journeyId, occurrenceKey: occurrence, messageId };
        const key = sendKey('c-1', journeyId, occurrence, messageId);

        expect(completeSendItem({ ...key, ...sendIdsToStore(key, send) })).toMatchObject({ journeyId, occurrenceKey: occurrence, messageId });
      }),
    );
  });

  it('store nothing the key or the step name says for the journeys as named', () => {
    const key = occurrenceKey('c-1', 'service-due', 'WBA123#oil-service@2025-03-28');

    expect(occurrenceIdsToStore(key, 'service-due', 'WBA123#oil-service@2025-03-28')).toEqual({});
    expect(storedMessages('service-due', [{ messageId: 'sms', channel: 'sms', template: 'service-due-sms', contactable: true }])).toEqual([{ messageId: 'sms', contactable: true }]);
  });

  it('read an open occurrence written before the slim form (every attribute) as the same occurrence as one written after', () => {
    const key = occurrenceKey('c-1', 'birthday', '2026');
    const messages: DueMessage[] = [
      { messageId: 'email', channel: 'email', template: 'birthday-email', contactable: true },
      { messageId: 'card', channel: 'print', template: 'birthday-card', contactable: false },
    ];
    const common = { ...key, ...openOccurrenceIndexKey('2026-03-14', 'c-1', 'birthday', '2026'), type: 'Occurrence', occurrenceDate: '2026-03-14', status: 'queued', lastQueuedAt: '2026-03-14T09:00:00.000Z' };
    const before = { ...common, journeyId: 'birthday', occurrenceKey: '2026', claimedAt: '2026-03-14T09:00:00.000Z', queuedAt: '2026-03-14T09:00:00.000Z', queuedMessages: ['email'], skippedNoConsent: ['card'], messages };
    const after = { ...common, messages: storedMessages('birthday', messages) };

    const read = parseOpenOccurrence(before);

    expect(read).toEqual({ customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14', status: 'queued', lastQueuedAt: '2026-03-14T09:00:00.000Z', messages });
    expect(parseOpenOccurrence(after)).toEqual(read);
  });

  it('read a send written before the slim form as the same send as one written after', () => {
    const key = sendKey('c-1', 'birthday', '2026', 'email');
    const common = { ...key, type: 'Send', channel: 'email', status: 'sent', updatedAt: '2026-03-14T09:00:01.000Z', providerMessageId: 'ses-1' };

    const before = parseSendItem({ ...common, journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email' });

    expect(before).toEqual({ customerId: 'c-1', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email', channel: 'email', status: 'sent', updatedAt: '2026-03-14T09:00:01.000Z', providerMessageId: 'ses-1' });
    expect(parseSendItem(common)).toEqual(before);
  });
});
