import * as z from 'zod';
import { TaskStatus } from '../domain/task';
import type { Tenant } from '../domain/tenant';
import { InvalidCursorError, type BrandDealers, type TaskPage, type TaskStore } from '../ports/tasks';
import { PageQuery } from './paging';

/** The query of `GET /v1/tasks`: the key decides whose tasks (a dealer's, or each of a brand's dealers'). */
export const ListTasksQuery = z.strictObject({ status: TaskStatus.default('open'), ...PageQuery });
export type ListTasksQuery = z.infer<typeof ListTasksQuery>;

// Where the next page starts: a dealer of the tenant and, within it, the store's own cursor.
const Position = z.strictObject({ dealerId: z.string().min(1), after: z.string().min(1).optional() });
type Position = z.infer<typeof Position>;

const encode = (position: Position) => Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');

function decode(cursor: string, dealerIds: readonly string[]): Position {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = Position.safeParse(value);
  // A cursor naming a dealer the key does not reach is refused like a forged one.
  if (!parsed.success || !dealerIds.includes(parsed.data.dealerId)) throw new InvalidCursorError();
  return parsed.data;
}

/**
 * One page of the caller's tasks of one status: a dealer key's own, a brand key's of each of its
 * dealers in turn (dealer by dealer, each earliest due first). Throws InvalidCursorError for a
 * cursor not issued for this tenant and query.
 */
export async function listTasks(query: ListTasksQuery, tenant: Tenant, deps: { tasks: TaskStore; brandDealers: BrandDealers }): Promise<TaskPage> {
  const dealerIds = tenant.kind === 'dealer' ? [tenant.dealerId] : await deps.brandDealers.dealerIdsOf(tenant.brandId);
  const start = query.cursor ? decode(query.cursor, dealerIds) : undefined;
  let index = start ? dealerIds.indexOf(start.dealerId) : 0;
  let after = start?.after;
  const tasks: TaskPage['tasks'] = [];
  while (index < dealerIds.length && tasks.length < query.limit) {
    const page = await deps.tasks.listTasks({ dealerId: dealerIds[index]!, status: query.status, limit: query.limit - tasks.length, ...(after ? { cursor: after } : {}) });
    tasks.push(...page.tasks);
    if (page.nextCursor) after = page.nextCursor;
    else {
      index += 1;
      after = undefined;
    }
  }
  return { tasks, ...(index < dealerIds.length ? { nextCursor: encode({ dealerId: dealerIds[index]!, ...(after ? { after } : {}) }) } : {}) };
}
