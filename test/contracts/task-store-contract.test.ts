import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDynamoTaskStore } from '../../shared/adapters/dynamodb/task-store';
import { createMemoryTaskStore } from '../../shared/adapters/memory/task-store';
import { InvalidCursorError, type TaskStore } from '../../shared/ports/tasks';
import { freshEngineTable, startTestEngine } from '../helpers/local-engine';
import { aTask } from '../helpers/tasks';

/** The rules every task store keeps: run against the in-memory store and the DynamoDB one on dynalite. */
function taskStoreContract(newStore: () => Promise<TaskStore>) {
  it('writes a task once: a second write of the same task finds it and changes nothing', async () => {
    const store = await newStore();
    const task = aTask();

    const first = await store.createTask(task);
    const again = await store.createTask({ ...task, title: 'rendered again', createdAt: '2026-03-14T10:00:00.000Z' });
    const listed = await store.listTasks({ dealerId: task.dealerId, status: 'open', limit: 10 });

    expect([first, again]).toEqual(['created', 'exists']);
    expect(listed.tasks).toEqual([task]);
  });

  it("lists one dealer's tasks of one status, earliest due first", async () => {
    const store = await newStore();
    const late = aTask({ customerId: 'ann', dueOn: '2026-03-20' });
    const early = aTask({ customerId: 'bob', dueOn: '2026-03-16' });
    const otherDealer = aTask({ customerId: 'cho', dealerId: 'dealer-shanghai' });
    const done = aTask({ customerId: 'dan', status: 'done' });
    for (const task of [late, early, otherDealer, done]) await store.createTask(task);

    const open = await store.listTasks({ dealerId: 'dealer-sydney', status: 'open', limit: 10 });
    const closed = await store.listTasks({ dealerId: 'dealer-sydney', status: 'done', limit: 10 });
    const none = await store.listTasks({ dealerId: 'dealer-auckland', status: 'open', limit: 10 });

    expect(open.tasks.map((task) => task.customerId)).toEqual(['bob', 'ann']);
    expect(closed.tasks.map((task) => task.customerId)).toEqual(['dan']);
    expect(none).toEqual({ tasks: [] });
  });

  it('pages through every task exactly once by following the cursor', async () => {
    const store = await newStore();
    const customers = ['c1', 'c2', 'c3', 'c4', 'c5'];
    for (const [index, customerId] of customers.entries()) await store.createTask(aTask({ customerId, dueOn: `2026-03-1${index}` }));

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.listTasks({ dealerId: 'dealer-sydney', status: 'open', limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.tasks.map((task) => task.customerId));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);

    expect(seen).toEqual(customers);
    expect(pages).toBeGreaterThanOrEqual(3);
  });

  it("refuses a cursor it did not issue, or one of another dealer's list", async () => {
    const store = await newStore();
    for (const customerId of ['c1', 'c2', 'c3']) await store.createTask(aTask({ customerId }));
    const page = await store.listTasks({ dealerId: 'dealer-sydney', status: 'open', limit: 1 });

    await expect(store.listTasks({ dealerId: 'dealer-shanghai', status: 'open', limit: 1, cursor: page.nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(store.listTasks({ dealerId: 'dealer-sydney', status: 'done', limit: 1, cursor: page.nextCursor! })).rejects.toBeInstanceOf(InvalidCursorError);
    await expect(store.listTasks({ dealerId: 'dealer-sydney', status: 'open', limit: 1, cursor: 'not-a-cursor' })).rejects.toBeInstanceOf(InvalidCursorError);
  });
}

describe('task store contract: in memory', () => {
  taskStoreContract(async () => createMemoryTaskStore());
});

describe('task store contract: DynamoDB on dynalite', () => {
  let engine: Awaited<ReturnType<typeof startTestEngine>>;
  let tables = 0;

  beforeAll(async () => {
    engine = await startTestEngine();
  });

  afterAll(async () => {
    await engine?.cleanUp();
  });

  taskStoreContract(async () => createDynamoTaskStore(engine.dynamo, await freshEngineTable(engine, `task-contract-${(tables += 1)}`)));
});
