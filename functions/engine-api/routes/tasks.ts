/** `GET /v1/tasks`: the caller's tasks of one status (a dealer key its own, a brand key its dealers'), paged. */
import { listTasks, ListTasksQuery } from '../../../shared/use-cases/list-tasks';
import { json, queryOf, withCursorCheck, type Route } from '../http';
import type { RouteContext } from './context';

export function taskRoutes({ deps, authenticate }: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      path: '/v1/tasks',
      async handle({ event }) {
        const tenant = await authenticate(event);
        const query = queryOf(ListTasksQuery, event);
        const page = await withCursorCheck(() => listTasks(query, tenant, deps));
        return json(200, { status: query.status, ...page });
      },
    },
  ];
}
