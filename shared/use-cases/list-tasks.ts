import * as z from 'zod';
import { TaskStatus } from '../domain/task';
import type { TaskPage, TaskStore } from '../ports/tasks';

/**
 * The query of `GET /v1/tasks`. Until the API has tenants (issue 13: the key decides the dealer),
 * the dealer is named in the query; the route is behind the API's IAM authorization.
 */
export const ListTasksQuery = z.strictObject({
  dealerId: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/, 'expected a dealer id of 1-64 letters, digits, ".", "_" or "-"'),
  status: TaskStatus.default('open'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(2048).optional(),
});
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

/** One page of a dealer's tasks of one status, earliest due first. Throws InvalidCursorError for a cursor it did not issue. */
export function listTasks(query: ListTasksQuery, tasks: TaskStore): Promise<TaskPage> {
  return tasks.listTasks(query);
}
