/**
 * The opaque cursor of a paged Query: the page's last key, as base64url JSON. A cursor is only
 * accepted back for the partition it was issued for, so a tampered one cannot read elsewhere.
 */
import * as z from 'zod';
import { InvalidCursorError } from '../../ports/tasks';

export function encodeCursor(key: Record<string, unknown>): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

/** The key in `cursor`, if it parses with `schema` and passes `belongs`; InvalidCursorError otherwise. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>, belongs: (key: T) => boolean): T {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success || !belongs(parsed.data)) throw new InvalidCursorError();
  return parsed.data;
}
