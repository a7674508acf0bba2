import { describe, expect, it } from 'vitest';
import { createDynamoDueIndexState } from '../../shared/adapters/dynamodb/due-index-state';
import { createMemoryDueIndexState } from '../../shared/adapters/memory/due-index-state';
import type { DueIndexState, DueIndexStateStore } from '../../shared/ports/due-index';
import { localEngineForContract } from '../helpers/contracts';

const aState = (overrides: Partial<DueIndexState> = {}): DueIndexState => ({
  fingerprint: 'f1', status: 'recomputing', computedFrom: '2026-03-14', done: 0, total: 10, skipped: 0, version: 1, ...overrides,
});

/** The rules every due-index state store keeps: each write conditional on the version read. */
function dueIndexStateContract(newStore: () => Promise<DueIndexStateStore>) {
  it('has no state at first, then the one written', async () => {
    const store = await newStore();

    expect(await store.read()).toBeUndefined();
    expect(await store.write(aState({ cursor: 'page-2', catchUpFrom: '2026-03-10' }), undefined)).toBe(true);
    expect(await store.read()).toEqual(aState({ cursor: 'page-2', catchUpFrom: '2026-03-10' }));
  });

  it('writes only over the version read: a second writer of the same version changes nothing', async () => {
    const store = await newStore();
    await store.write(aState(), undefined);

    expect(await store.write(aState({ done: 5, version: 2 }), 1)).toBe(true);
    expect(await store.write(aState({ done: 9, version: 2 }), 1)).toBe(false);
    expect(await store.write(aState({ version: 9 }), undefined)).toBe(false);
    expect(await store.read()).toEqual(aState({ done: 5, version: 2 }));
  });

  it('keeps what was written, whatever is done after to the state written or to a state read', async () => {
    const store = await newStore();
    const written = aState({ cursor: 'page-2' });
    await store.write(written, undefined);
    written.done = 7;
    const read = (await store.read())!;
    read.version = 5;
    delete read.cursor;

    expect(await store.read()).toEqual(aState({ cursor: 'page-2' }));
  });
}

describe('due index state contract: in memory', () => {
  dueIndexStateContract(async () => createMemoryDueIndexState());
});

describe('due index state contract: DynamoDB on dynalite', () => {
  const { engine, freshTable } = localEngineForContract('due-state-contract');

  dueIndexStateContract(async () => createDynamoDueIndexState(engine().dynamo, await freshTable()));
});
