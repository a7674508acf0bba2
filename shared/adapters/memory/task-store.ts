import type { Task } from '../../domain/task';
import { InvalidCursorError, type TaskStore } from '../../ports/tasks';

/**
 * Tasks in memory, with the DynamoDB store's rules (written once, listed per dealer and status,
 * earliest due first, paged by an opaque cursor): for use-case tests and the contract suite.
 */
export function createMemoryTaskStore(): TaskStore & { all(): Task[] } {
  const byId = new Map<string, Task>();
  const order = (task: Task) => `${task.dueOn}#${task.id}`;
  return {
    all: () => [...byId.values()],
    async createTask(task) {
      if (byId.has(task.id)) return 'exists';
      byId.set(task.id, structuredClone(task));
      return 'created';
    },
    async listTasks({ dealerId, status, limit, cursor }) {
      const matching = [...byId.values()]
        .filter((task) => task.dealerId === dealerId && task.status === status)
        .sort((a, b) => order(a).localeCompare(order(b)));
      let start = 0;
      if (cursor !== undefined) {
        const [cursorDealer, cursorStatus, after] = cursor.split('|');
        if (cursorDealer !== dealerId || cursorStatus !== status || after === undefined) throw new InvalidCursorError();
        start = matching.findIndex((task) => order(task) > after);
        if (start < 0) start = matching.length;
      }
      const tasks = matching.slice(start, start + limit).map((task) => structuredClone(task));
      const last = tasks.at(-1);
      return { tasks, ...(last && start + limit < matching.length ? { nextCursor: `${dealerId}|${status}|${order(last)}` } : {}) };
    },
  };
}
