import { describe, expect, it } from 'vitest';
import { createMemoryDueIndex } from '../../shared/adapters/memory/due-index';
import { nextDueDate } from '../../shared/domain/journey/due-dates';
import { Journey } from '../../shared/domain/journey/schema';
import type { Ledger } from '../../shared/ports/ledger';
import { fileDueDates } from '../../shared/use-cases/file-due-dates';
import { advanceConcurrency } from '../../shared/use-cases/due-candidates';
import { claimConcurrency, runScheduledEvaluation } from '../../shared/use-cases/run-scheduled-evaluation';
import { aBirthdayJourney, aVehicle, aCustomerFacts } from '../helpers/factories';
import { createMemoryDispatchQueue } from '../../shared/adapters/memory/dispatch-queue';
import { createMemoryLedger } from '../../shared/adapters/memory/ledger';

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
    const queue = createMemoryDispatchQueue();

    const summary = await runScheduledEvaluation({ now: at('10:00') }, { journeys, dueIndex, ledger: createMemoryLedger(), queue });

    expect(summary.candidates).toBe(1);
    expect(summary.outcomes.map((outcome) => outcome.occurrence).sort()).toEqual(['birthday#both#2026', 'welcome#both#WBA11AA010CH00001']);
  });

  it('plans a customer a recompute filed under a date already past on that date, late rather than never, and moves them on', async () => {
    // Filed under her birthday, the 14th, by a recompute that started on the 12th; the evaluation runs on the 15th everywhere.
    const dueIndex = await filed({ id: 'ann', birthDate: '1980-03-14', deliveredOn: '2025-01-01' });
    const queue = createMemoryDispatchQueue();
    const onThe15th = new Date('2026-03-15T12:00:00Z');

    const withoutCatchUp = await runScheduledEvaluation({ now: onThe15th }, { journeys, dueIndex, ledger: createMemoryLedger(), queue: createMemoryDispatchQueue() });
    const withCatchUp = await runScheduledEvaluation({ now: onThe15th, catchUpFrom: '2026-03-12' }, { journeys, dueIndex, ledger: createMemoryLedger(), queue });

    expect(withoutCatchUp.candidates).toBe(0);
    expect(withCatchUp).toMatchObject({ candidates: 1, started: 1, dueEntriesAdvanced: 1, catchUp: { dates: ['2026-03-12', '2026-03-13', '2026-03-14'], found: 1 } });
    expect(withCatchUp.outcomes).toEqual([{ occurrence: 'birthday#ann#2026', result: 'started' }]);
    expect(queue.messages[0]).toMatchObject({ occurrenceDate: '2026-03-14' });
    expect(dueIndex.entries.get('ann')?.dueDate).toBe('2027-03-14');
    // Moved on her own date of the move (the 15th in London), not the date planned: the calendar
    // job takes it for the latest date anything was claimed for her.
    expect(dueIndex.entries.get('ann')?.movedOn).toBe('2026-03-15');
  });

  it('plans late, on its date, an entry read while that date is current elsewhere but already past for the customer', async () => {
    const dueIndex = await filed({ id: 'ann', birthDate: '1980-03-14', deliveredOn: '2025-01-01' });
    const queue = createMemoryDispatchQueue();

    // 10:00 on the 15th in London; the 14th is still current west of it, so its entries are read.
    const summary = await runScheduledEvaluation({ now: new Date('2026-03-15T10:00:00Z') }, { journeys, dueIndex, ledger: createMemoryLedger(), queue });

    expect(summary.outcomes).toEqual([{ occurrence: 'birthday#ann#2026', result: 'started' }]);
    expect(dueIndex.entries.get('ann')?.dueDate).toBe('2027-03-14');
  });

  it('claims with bounded concurrency and keeps the summary and the unfinished customers right', async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `c${String(index).padStart(2, '0')}`);
    const dueIndex = await filed(...ids.map((id) => ({ id, birthDate: '1980-03-14', deliveredOn: '2025-01-01' })));
    const ledger = createMemoryLedger();
    let inFlight = 0;
    let mostInFlight = 0;
    const slowClaims = Object.assign(Object.create(ledger) as Ledger, {
      async claimOccurrence(...args: Parameters<Ledger['claimOccurrence']>) {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        return ledger.claimOccurrence(...args);
      },
    });
    const queue = createMemoryDispatchQueue();
    const refusingSome = { async enqueue(batch: Parameters<typeof queue.enqueue>[0]) { if (batch.some((message) => message.customerId.endsWith('7'))) throw new Error('refused'); await queue.enqueue(batch); } };

    const summary = await runScheduledEvaluation({ now: at('12:00') }, { journeys, dueIndex, ledger: slowClaims, queue: refusingSome });

    expect(mostInFlight).toBe(claimConcurrency);
    expect(summary).toMatchObject({ due: 40, started: 36, notQueued: 4, dueEntriesAdvanced: 36 });
    expect(new Set(summary.outcomes.map((outcome) => outcome.occurrence)).size).toBe(36);
    expect(ids.filter((id) => dueIndex.entries.get(id)?.dueDate === today)).toEqual(['c07', 'c17', 'c27', 'c37']);
  });

  it('moves handled customers on with bounded concurrency, every one of them', async () => {
    const ids = Array.from({ length: 40 }, (_, index) => `c${String(index).padStart(2, '0')}`);
    const dueIndex = await filed(...ids.map((id) => ({ id, birthDate: '1980-03-14', deliveredOn: '2025-01-01' })));
    let inFlight = 0;
    let mostInFlight = 0;
    const slowAdvances = Object.assign(Object.create(dueIndex) as typeof dueIndex, {
      async advance(...args: Parameters<typeof dueIndex.advance>) {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 2));
        inFlight -= 1;
        return dueIndex.advance(...args);
      },
    });

    const summary = await runScheduledEvaluation({ now: at('12:00') }, { journeys, dueIndex: slowAdvances, ledger: createMemoryLedger(), queue: createMemoryDispatchQueue() });

    expect(mostInFlight).toBe(advanceConcurrency);
    expect(summary.dueEntriesAdvanced).toBe(40);
    expect(ids.filter((id) => dueIndex.entries.get(id)?.dueDate !== '2027-03-14')).toEqual([]);
  });

  it('moves a handled customer to their next date, so later ticks read and claim nothing for them', async () => {
    const dueIndex = await filed({ id: 'ann', birthDate: '1980-03-14', deliveredOn: '2025-01-01' });
    const ledger = countingClaims(createMemoryLedger());
    const deps = { journeys, dueIndex, ledger, queue: createMemoryDispatchQueue() };

    const first = await runScheduledEvaluation({ now: at('09:00') }, deps);
    const writesAfterFirst = dueIndex.writes;
    const later = await Promise.all(['10:00', '11:00', '12:00'].map((clock) => runScheduledEvaluation({ now: at(clock) }, deps)));

    expect(first).toMatchObject({ started: 1, dueEntriesAdvanced: 1 });
    expect(dueIndex.entries.get('ann')?.dueDate).toBe('2027-03-14');
    expect(dueIndex.entries.get('ann')?.movedOn).toBe(today);
    expect(later.map((summary) => summary.candidates)).toEqual([0, 0, 0]);
    expect(ledger.claims).toBe(1);
    expect(dueIndex.writes).toBe(writesAfterFirst);
  });

  it('keeps a customer under the date while a journey due that day waits for its send time', async () => {
    const dueIndex = await filed({ id: 'both', birthDate: '1980-03-14', deliveredOn: '2026-03-01' });
    const deps = { journeys, dueIndex, ledger: createMemoryLedger(), queue: createMemoryDispatchQueue() };

    const atNine = await runScheduledEvaluation({ now: at('09:00') }, deps);
    const atTen = await runScheduledEvaluation({ now: at('10:00') }, deps);

    expect(atNine).toMatchObject({ started: 1, dueEntriesAdvanced: 0 });
    expect(atTen).toMatchObject({ started: 1, dueEntriesAdvanced: 1 });
    expect(dueIndex.entries.get('both')?.dueDate).toBe('2027-03-14');
  });

  it('keeps a customer under the date when the queue refused their occurrence, so the next tick retries', async () => {
    const dueIndex = await filed({ id: 'ann', birthDate: '1980-03-14', deliveredOn: '2025-01-01' });
    const refusing = { async enqueue() { throw new Error('queue down'); } };

    const summary = await runScheduledEvaluation({ now: at('12:00') }, { journeys, dueIndex, ledger: createMemoryLedger(), queue: refusing });

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

describe('the journeys an entry names', () => {
  it('are filed with the customer and, once the day is handled, those of the next date move with the entry', async () => {
    const dueIndex = createMemoryDueIndex();
    const facts = aCustomerFacts({ id: 'both', birthDate: '1980-03-14' }, [aVehicle({ deliveredOn: '2026-03-01' })]);
    await fileDueDates([facts], journeys, '2026-03-01', dueIndex);
    const filedWith = dueIndex.entries.get('both')?.dueJourneys;

    await runScheduledEvaluation({ now: at('23:00') }, { journeys, dueIndex, ledger: createMemoryLedger(), queue: createMemoryDispatchQueue() });

    expect(filedWith).toEqual(['birthday', 'welcome']);
    expect(dueIndex.entries.get('both')).toMatchObject({ dueDate: '2027-03-14', dueJourneys: ['birthday'] });
  });

  it('are the only journeys planned for the entry', async () => {
    const dueIndex = createMemoryDueIndex();
    const facts = aCustomerFacts({ id: 'both', birthDate: '1980-03-14' }, [aVehicle({ deliveredOn: '2026-03-01' })]);
    await dueIndex.fileCustomers([{ facts, dueDate: today, journeyIds: ['welcome'] }], 'fp');

    const summary = await runScheduledEvaluation({ now: at('12:00') }, { journeys, dueIndex, ledger: createMemoryLedger(), queue: createMemoryDispatchQueue() });

    expect(summary.outcomes.map((outcome) => outcome.occurrence)).toEqual(['welcome#both#WBA11AA010CH00001']);
  });
});
