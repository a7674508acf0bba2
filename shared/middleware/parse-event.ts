import type { MiddlewareObj } from '@middy/core';
import type { z } from 'zod';
import { EngineError } from '../domain/errors';

export class InvalidEventError extends EngineError {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(`Invalid event: ${issues.map((issue) => `${issue.field || '(root)'}: ${issue.message}`).join('; ')}`);
  }
}

export function fieldIssues(error: z.ZodError): { field: string; message: string }[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String).join('.'), message: issue.message }));
}

/** Validates the Lambda event with a zod schema and hands the handler the parsed value. */
export function parseEvent<S extends z.ZodType>(schema: S): MiddlewareObj<unknown> {
  return {
    before: (request) => {
      const parsed = schema.safeParse(request.event);
      if (!parsed.success) throw new InvalidEventError(fieldIssues(parsed.error));
      request.event = parsed.data;
    },
  };
}
