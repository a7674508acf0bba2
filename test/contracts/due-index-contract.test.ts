import { describe, expect, it } from 'vitest';
import { createDynamoDueIndex } from '../../shared/adapters/dynamodb/due-index';
import { createMemoryDueIndex } from '../../shared/adapters/memory/due-index';
import type { DueIndex } from '../../shared/ports/due-index';
import { localEngineForContract } from '../helpers/contracts';
import { aCustomerFacts, aVehicle } from '../helpers/factories';

const factsOf = (id: string) => aCustomerFacts({ id }, [aVehicle()], { dealerCountry: 'CN' });

/** What an entry read says of its date, journeys and move, by customer. */
async function entriesOn(index: DueIndex, dates: string[]) {
  const { due } = await index.readDue(dates);
  return due.map(({ customer, dueDate, dueJourneys, movedOn }) => ({ id: customer.id, dueDate, dueJourneys, movedOn })).sort((a, b) => a.id.localeCompare(b.id));
}

/** The rules every due index keeps: an advance moves only the entry read, and says when it moved it. */
function dueIndexContract(newIndex: () => Promise<DueIndex>) {
  it('files customers without the date of a move, and an advance records the date it moved them on', async () => {
    const index = await newIndex();
    await index.fileCustomers([{ facts: factsOf('a'), dueDate: '2026-03-14', journeyIds: ['birthday'] }, { facts: factsOf('b'), dueDate: '2026-03-14' }], 'fp');
    expect(await entriesOn(index, ['2026-03-14'])).toEqual([
      { id: 'a', dueDate: '2026-03-14', dueJourneys: ['birthday'], movedOn: undefined },
      { id: 'b', dueDate: '2026-03-14', dueJourneys: undefined, movedOn: undefined },
    ]);

    await index.advance('a', '2026-03-14', '2026-04-01', ['spring-festival'], '2026-03-15');
    await index.advance('b', '2026-03-14', '2026-04-01', undefined, '2026-03-14');

    expect(await entriesOn(index, ['2026-04-01'])).toEqual([
      { id: 'a', dueDate: '2026-04-01', dueJourneys: ['spring-festival'], movedOn: '2026-03-15' },
      { id: 'b', dueDate: '2026-04-01', dueJourneys: undefined, movedOn: '2026-03-14' },
    ]);
  });

  it('drops the date of the move when the customer is filed again, or moved without one', async () => {
    const index = await newIndex();
    await index.fileCustomers([{ facts: factsOf('a'), dueDate: '2026-03-14' }, { facts: factsOf('b'), dueDate: '2026-03-14' }], 'fp');
    await index.advance('a', '2026-03-14', '2026-04-01', ['birthday'], '2026-03-14');
    await index.advance('b', '2026-03-14', '2026-04-01', ['birthday'], '2026-03-14');

    await index.fileCustomers([{ facts: factsOf('a'), dueDate: '2026-04-01', journeyIds: ['birthday'] }], 'fp');
    await index.advance('b', '2026-04-01', '2026-05-01', ['birthday']);

    expect(await entriesOn(index, ['2026-04-01', '2026-05-01'])).toEqual([
      { id: 'a', dueDate: '2026-04-01', dueJourneys: ['birthday'], movedOn: undefined },
      { id: 'b', dueDate: '2026-05-01', dueJourneys: ['birthday'], movedOn: undefined },
    ]);
  });

  it('leaves an entry filed under another date meanwhile as it is, without a date of a move', async () => {
    const index = await newIndex();
    await index.fileCustomers([{ facts: factsOf('a'), dueDate: '2026-03-20' }], 'fp');

    await index.advance('a', '2026-03-14', '2027-03-14', ['birthday'], '2026-03-14');

    expect(await entriesOn(index, ['2026-03-20', '2027-03-14'])).toEqual([{ id: 'a', dueDate: '2026-03-20', dueJourneys: undefined, movedOn: undefined }]);
  });
}

describe('due index contract: in memory', () => {
  dueIndexContract(async () => createMemoryDueIndex());
});

describe('due index contract: DynamoDB on dynalite', () => {
  const { engine, freshTable } = localEngineForContract('due-index-contract');

  dueIndexContract(async () => createDynamoDueIndex(engine().dynamo, await freshTable()));
});
