import { describe, expect, it } from 'vitest';
import { createMemoryDueIndex } from '../../shared/adapters/memory/due-index';
import { nextDueDate } from '../../shared/domain/journey/due-dates';
import { Journey } from '../../shared/domain/journey/schema';
import type { Ledger } from '../../shared/ports/ledger';
import { fileDueDates } from '../../shared/use-cases/file-due-dates';
import { runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import { aBirthdayJourney, aCustomerContext, aVehicle, aCustomerFacts } from '../helpers/factories';
import { fakeDirectory, fakeLedger, fakeQueue } from '../helpers/fakes';

const welcome = Journey.parse({
  id: 'welcome', name: 'Welcome', trigger: { type: 'vehicle-date', after: { days: 13 }, sendAt: '10:00' }, steps: [{ id: 'email', channel: 'email', template: 'welcome-email' }],
});
const journeys = [aBirthdayJourney(), welcome];
const today = '2026-03-14';
// London is on UTC in March.
const at = (clock: string) => new Date(`${today}T${clock}:00Z`);

function countingClaims(ledger: Ledger): Ledger & { claims: number } {
  const counted = Object.assign(Object.create(ledger) as Ledger, { claims: 0 });
  counted.claimOccurrence = async (...args) => {
    counted.claims += 1;
    return ledger.claimOccurrence(...args);
  };
  return counted;
}

async function filed(...customers: { id: string; birthDate: string; deliveredOn: string }[]) {
  const dueIndex = createMemoryDueIndex();
  await dueIndex.fileCustomers(
    customers.map(({ id, birthDate, deliveredOn }) => {
      const facts = aCustomerFacts({ id, birthDate }, [aVehicle({ deliveredOn })]);
      return { facts, dueDate: nextDueDate(facts, journeys, '2026-03-01') };
    }),
    'fp',
  );
  return dueIndex;
}

describe('the scheduled evaluation on the due index', () => {
  it('reads only the customers due, and finds journeys of every kind for them', async () => {
    const dueIndex = await filed({ id: 'both', birthDate: '1980-03-14', deliveredOn: '2026-03-01' }, { id: 'later', birthDate: '1980-07-01', deliveredOn: '2025-01-01' });
    const queue = fakeQueue();

    const summary = await runScheduledEvaluation({ now: at('10:00') }, { journeys, customers: fakeDirectory([]), dueIndex, ledger: fakeLedger(), queue });

    expect(summary.candidates).toBe(1);
    expect(summary.outcomes.map((outcome) => outcome.occurrence).sort()).toEqual(['birthday#both#2026', 'welcome#both#WBA11AA010CH00001']);
  });

  it('still finds a birthday customer written before due entries were filed, and one filed counts once', async () => {
    const dueIndex = await filed({ id: 'both', birthDate: '1980-03-14', deliveredOn: '2026-03-01' });
    const directory = fakeDirectory([aCustomerContext({ id: 'both', birthDate: '1980-03-14' }), aCustomerContext({ id: 'unfiled', birthDate: '1980-03-14' })]);

    const summary = await runScheduledEvaluation({ now: at('10:00') }, { journeys, customers: directory, dueIndex, ledger: fakeLedger(), queue: fakeQueue() });

    expect(summary.candidates).toBe(2);
    expect(summary.outcomes.map((outcome) => outcome.occurrence).sort()).toEqual(['birthday#both#2026', 'birthday#unfiled#2026', 'welcome#both#WBA11AA010CH00001']);
  });

  it('moves a handled customer to their next date, so later ticks read and claim nothing for them', async () => {
    const dueIndex = await filed({ id: 'ann', birthDate: '1980-03-14', deliveredOn: '2025-01-01' });
    const ledger = countingClaims(fakeLedger());
    const deps = { journeys, customers: fakeDirectory([]), dueIndex, ledger, queue: fakeQueue() };

    const first = await runScheduledEvaluation({ now: at('09:00') }, deps);
    const writesAfterFirst = dueIndex.writes;
    const later = await Promise.all(['10:00', '11:00', '12:00'].map((clock) => runScheduledEvaluation({ now: at(clock) }, deps)));

    expect(first).toMatchObject({ started: 1, dueEntriesAdvanced: 1 });
    expect(dueIndex.entries.get('ann')?.dueDate).toBe('2027-03-14');
    expect(later.map((summary) => summary.candidates)).toEqual([0, 0, 0]);
    expect(ledger.claims).toBe(1);
    expect(dueIndex.writes).toBe(writesAfterFirst);
  });

  it('keeps a customer under the date while a journey due that day waits for its send time', async () => {
    const dueIndex = await filed({ id: 'both', birthDate: '1980-03-14', deliveredOn: '2026-03-01' });
    const deps = { journeys, customers: fakeDirectory([]), dueIndex, ledger: fakeLedger(), queue: fakeQueue() };

    const atNine = await runScheduledEvaluation({ now: at('09:00') }, deps);
    const atTen = await runScheduledEvaluation({ now: at('10:00') }, deps);

    expect(atNine).toMatchObject({ started: 1, dueEntriesAdvanced: 0 });
    expect(atTen).toMatchObject({ started: 1, dueEntriesAdvanced: 1 });
    expect(dueIndex.entries.get('both')?.dueDate).toBe('2027-03-14');
  });

  it('keeps a customer under the date when the queue refused their occurrence, so the next tick retries', async () => {
    const dueIndex = await filed({ id: 'ann', birthDate: '1980-03-14', deliveredOn: '2025-01-01' });
    const refusing = { async enqueue() { throw new Error('queue down'); } };

    const summary = await runScheduledEvaluation({ now: at('12:00') }, { journeys, customers: fakeDirectory([]), dueIndex, ledger: fakeLedger(), queue: refusing });

    expect(summary).toMatchObject({ notQueued: 1, dueEntriesAdvanced: 0 });
    expect(dueIndex.entries.get('ann')?.dueDate).toBe(today);
  });
});

describe('filing customers in the due index', () => {
  it('files each customer under their next due date and takes out those never due', async () => {
    const dueIndex = createMemoryDueIndex();
    const owner = aCustomerFacts({ id: 'owner', birthDate: '1980-07-01' }, [aVehicle({ deliveredOn: '2026-03-01' })]);
    const nobody = aCustomerFacts({ id: 'nobody', birthDate: undefined });
    await dueIndex.fileCustomers([{ facts: nobody, dueDate: '2026-03-01' }], 'old');

    const filedCount = await fileDueDates([owner, nobody], journeys, '2026-03-01', dueIndex);

    expect(filedCount).toBe(1);
    expect(dueIndex.entries.get('owner')?.dueDate).toBe('2026-03-14');
    expect(dueIndex.entries.has('nobody')).toBe(false);
  });
});
