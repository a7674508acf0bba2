import { describe, expect, it } from 'vitest';
import { Journey } from '../../shared/domain/journey/schema';
import { planDueJourneys } from '../../shared/domain/journey/plan';
import { ledgerUnitKey, stepGroupsOf } from '../../shared/domain/journey/steps';
import { reconcileLedger } from '../../shared/use-cases/reconcile-ledger';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import { aCustomerContext, aCustomerFacts } from '../helpers/factories';
import { filedDueIndex } from '../helpers/fakes';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';

const birthdayWithCardAhead = (cardOffset = -3) =>
  Journey.parse({
    id: 'birthday',
    name: 'Birthday',
    trigger: { type: 'birthday' },
    category: 'promotional',
    priority: 50,
    steps: [
      { id: 'email', channel: 'email', template: 'birthday-email' },
      { id: 'card', channel: 'print', template: 'birthday-card', offsetDays: cardOffset },
    ],
  });
const noonInLondon = (date: string) => new Date(`${date}T12:00:00Z`);
const candidates = [aCustomerFacts({ birthDate: '1980-01-01' })];

describe('journey steps', () => {
  it('mails the card three days ahead and sends the email on the day, each from the occurrence of the birthday', () => {
    const journeys = [birthdayWithCardAhead()];

    const ahead = planDueJourneys({ journeys, candidates, now: noonInLondon('2025-12-29') });
    const onTheDay = planDueJourneys({ journeys, candidates, now: noonInLondon('2026-01-01') });
    const dayBefore = planDueJourneys({ journeys, candidates, now: noonInLondon('2025-12-31') });

    expect(ahead).toEqual([
      expect.objectContaining({ occurrenceKey: '2026/card', occurrenceDate: '2026-01-01', sendDate: '2025-12-29', messages: [expect.objectContaining({ messageId: 'card' })] }),
    ]);
    expect(onTheDay).toEqual([expect.objectContaining({ occurrenceKey: '2026', occurrenceDate: '2026-01-01', messages: [expect.objectContaining({ messageId: 'email' })] })]);
    expect(onTheDay[0]).not.toHaveProperty('sendDate');
    expect(dayBefore).toEqual([]);
  });

  it('keys a step ahead by its id, so moving the card from 3 to 5 days ahead does not send it twice', () => {
    const [group3] = stepGroupsOf(birthdayWithCardAhead(-3).steps).filter((group) => group.offsetDays !== 0);
    const [group5] = stepGroupsOf(birthdayWithCardAhead(-5).steps).filter((group) => group.offsetDays !== 0);

    expect(ledgerUnitKey('2026', group3!)).toBe(ledgerUnitKey('2026', group5!));
    expect(ledgerUnitKey('2026', stepGroupsOf(birthdayWithCardAhead().steps)[0]!)).toBe('2026');
  });

  it('rejects two steps with one id', () => {
    const parsed = Journey.safeParse({
      id: 'birthday', name: 'Birthday', trigger: { type: 'birthday' },
      steps: [{ id: 'email', channel: 'email', template: 'a' }, { id: 'email', channel: 'sms', template: 'b' }],
    });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ path: ['steps', 1, 'id'], message: 'duplicate step id "email"' });
  });

  it('puts the category and priority on the queued message and the ledger', async () => {
    const ledger = createMemoryLedger();
    const queue = createMemoryDispatchQueue();
    const journeys = [birthdayWithCardAhead()];
    const dueIndex = await filedDueIndex([aCustomerContext({ birthDate: '1980-01-01' })], journeys, '2025-12-20');

    await runScheduledEvaluation({ now: noonInLondon('2025-12-29') }, { journeys, dueIndex, ledger, queue });
    const open = await ledger.listOpenOccurrences('2025-12-29');

    expect(queue.messages).toEqual([expect.objectContaining({ messageId: 'card', occurrenceDate: '2026-01-01', sendDate: '2025-12-29', category: 'promotional', priority: 50 })]);
    expect(open.occurrences).toEqual([expect.objectContaining({ occurrenceKey: '2026/card', sendDate: '2025-12-29', category: 'promotional', priority: 50 })]);
  });

  it('gives a step sent ahead its deadline from the day it went out, and re-drives it with the same fields', async () => {
    const ledger = createMemoryLedger();
    const queue = createMemoryDispatchQueue();
    const journeys = [birthdayWithCardAhead()];
    const dueIndex = await filedDueIndex([aCustomerContext({ birthDate: '1980-01-01' })], journeys, '2025-12-20');
    await runScheduledEvaluation({ now: noonInLondon('2025-12-29') }, { journeys, dueIndex, ledger, queue });

    const redriven = createMemoryDispatchQueue();
    const lateButInTime = await reconcileLedger({ now: new Date('2025-12-30T12:00:00Z') }, { ledger, queue: redriven });
    const afterDeadline = await reconcileLedger({ now: new Date('2026-01-01T13:00:00Z') }, { ledger, queue: createMemoryDispatchQueue() });

    expect(lateButInTime).toMatchObject({ occurrencesRedriven: 1 });
    // The same message, meant to go out at the re-drive's time rather than the evaluation's, and
    // without the evaluation's day contenders (the dispatch plans the day it goes out on).
    const withoutPlan = ({ plannedAt: _plannedAt, dayContenders: _dayContenders, ...message }: (typeof queue.messages)[number]) => message;
    expect(redriven.messages.map(withoutPlan)).toEqual(queue.messages.map(withoutPlan));
    expect(redriven.messages.map((message) => message.plannedAt)).toEqual(queue.messages.map(() => '2025-12-30T12:00:00.000Z'));
    expect(afterDeadline).toMatchObject({ occurrencesExpired: 1 });
  });
});
