import * as z from 'zod';

/** `limit` and `cursor` of a paged list route (`GET /v1/customers/{id}/messages`, `GET /v1/tasks`). */
export const PageQuery = {
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().min(1).max(2048).optional(),
};
