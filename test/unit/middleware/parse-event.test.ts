import { describe, expect, it } from 'vitest';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import * as z from 'zod';
import { InvalidEventError, parseEvent } from '../../../shared/middleware/parse-event';

const RunEvent = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
  dryRun: z.boolean().default(false),
  customers: z.array(z.object({ id: z.string().min(1) })).default([]),
});
type RunEvent = z.infer<typeof RunEvent>;

const lambdaContext = {} as Context;

/** A real middy handler that records the event its handler was given. */
function handlerSeeing(seen: unknown[]) {
  return middy<unknown, string>()
    .use(parseEvent(RunEvent))
    .handler(async (event) => {
      seen.push(event);
      return 'handled';
    });
}

describe('parseEvent middleware', () => {
  it('hands the handler the parsed event, with defaults filled and unknown keys dropped', async () => {
    const seen: unknown[] = [];
    const handler = handlerSeeing(seen);

    const result = await handler({ date: '2026-03-14', source: 'aws.scheduler' }, lambdaContext);

    expect(result).toBe('handled');
    expect(seen).toEqual([{ date: '2026-03-14', dryRun: false, customers: [] } satisfies RunEvent]);
  });

  it('throws InvalidEventError naming the field paths and never calls the handler on a bad event', async () => {
    const seen: unknown[] = [];
    const handler = handlerSeeing(seen);

    const invoking = handler({ date: '14/03/2026', customers: [{ id: 'c-0001' }, { id: '' }] }, lambdaContext);

    await expect(invoking).rejects.toBeInstanceOf(InvalidEventError);
    const error = (await invoking.catch((caught: unknown) => caught)) as InvalidEventError;
    expect(error.issues.map((issue) => issue.field)).toEqual(['date', 'customers.1.id']);
    expect(error.issues[0]!.message).toBe('expected a date as YYYY-MM-DD');
    expect(error.message).toContain('customers.1.id:');
    expect(seen).toEqual([]);
  });

  it('names the root when the event itself has the wrong type', async () => {
    const handler = handlerSeeing([]);

    const invoking = handler('not an object', lambdaContext);

    await expect(invoking).rejects.toThrow(/^Invalid event: \(root\): /);
    const error = (await invoking.catch((caught: unknown) => caught)) as InvalidEventError;
    expect(error.issues.map((issue) => issue.field)).toEqual(['']);
    expect(error.name).toBe('InvalidEventError');
  });
});
