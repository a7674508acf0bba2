import { beforeAll, describe, expect, it } from 'vitest';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { noVersions } from '../../shared/domain/events/state';
import type { Journey } from '../../shared/domain/journey/schema';
import type { SendRecord } from '../../shared/ports/ledger';
import type { OccurrenceRecord } from '../../shared/ports/occurrence-history';
import { customerStory, type TimelineEntry } from '../../shared/use-cases/console-customer';
import { aCustomer, aDealer, aVehicle } from '../helpers/factories';
import { shippedJourneysDir } from '../helpers/shipped-journeys';

const dealer = aDealer();
const customer = aCustomer({ id: 'ann', dealerId: dealer.id, timeZone: 'Asia/Shanghai', birthDate: '1980-03-14' });

/** Ann's story as the console reads it, from stores holding what a run left. */
function storyWith(occurrences: OccurrenceRecord[], messages: SendRecord[], journeys: readonly Journey[], consentAt = '2025-06-01T02:00:00.000Z') {
  const record = { customer: { ...customer, consent: { email: { granted: true, source: 'form', at: consentAt } } }, vehicles: [aVehicle()], visits: [{ on: '2026-03-14', dealerId: dealer.id, work: ['oil'] }], complaints: [] };
  const versions = { ...noVersions(), consent: { email: `${consentAt}#event-1` } };
  return customerStory('ann', { kind: 'dealer', dealerId: dealer.id }, journeys, '2026-11-27', {
    store: { load: async () => ({ record, versions, pending: [] }), save: async () => undefined },
    dealers: { dealers: async () => new Map([[dealer.id, dealer]]) },
    history: { listMessages: async () => ({ messages }) },
    occurrences: { occurrencesOf: async () => ({ occurrences, skipped: 0 }) },
  });
}

const lineOf = (entry: TimelineEntry) => `${entry.at} ${entry.kind}${entry.kind === 'message' ? ` ${entry.send.messageId}` : ''}`;

describe("the console's customer timeline", () => {
  let journeys: Journey[];
  beforeAll(async () => {
    ({ journeys } = await loadJourneyConfig(shippedJourneysDir));
  });

  it('puts a replayed past day\'s messages at their occurrence\'s send time in the customer\'s zone, not at the replay\'s clock, above their occurrence', async () => {
    // 2026-03-14 replayed on 27 November: the ledger wrote the sends "today".
    const occurrence: OccurrenceRecord = { journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14', status: 'closed', messages: [{ messageId: 'email', channel: 'email', template: 'birthday-email', contactable: true }] };
    const sent: SendRecord = { customerId: 'ann', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'email', channel: 'email', status: 'sent', updatedAt: '2026-11-27T19:30:00.000Z' };

    const story = await storyWith([occurrence], [sent], journeys);

    expect(story!.timeline.map(lineOf)).toEqual([
      // 09:00 in Shanghai on 14 March is 01:00 UTC.
      '2026-03-14T01:00:00.000Z message email',
      '2026-03-14T01:00:00.000Z occurrence',
      // The visit knows only its date: the start of that day in Shanghai.
      '2026-03-13T16:00:00.000Z visit',
      '2025-06-01T02:00:00.000Z event',
    ]);
  });

  it('puts a message deferred past quiet hours at the instant it was put off to, above the occurrence', async () => {
    const occurrence: OccurrenceRecord = { journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14', status: 'queued', messages: [{ messageId: 'sms', channel: 'sms', template: 'birthday-sms', contactable: true }] };
    const deferred: SendRecord = { customerId: 'ann', journeyId: 'birthday', occurrenceKey: '2026', messageId: 'sms', channel: 'sms', status: 'deferred', dueAt: '2026-03-14T02:00:00.000Z', updatedAt: '2026-03-14T01:00:05.000Z' };

    const story = await storyWith([occurrence], [deferred], journeys);

    expect(story!.timeline.slice(0, 2).map(lineOf)).toEqual(['2026-03-14T02:00:00.000Z message sms', '2026-03-14T01:00:00.000Z occurrence']);
  });

  it('orders entries by instant whatever the spelling of their offset', async () => {
    // Consent given at 07:30 in Shanghai on 14 March (23:30 UTC the day before): before the 09:00 greeting, though its text sorts after it.
    const occurrence: OccurrenceRecord = { journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14', status: 'closed', messages: [] };

    const story = await storyWith([occurrence], [], journeys, '2026-03-14T07:30:00+08:00');

    expect(story!.timeline.map((entry) => entry.kind)).toEqual(['occurrence', 'event', 'visit']);
  });
});
