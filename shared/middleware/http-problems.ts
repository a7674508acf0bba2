import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { logger } from '../logging';

/** An HTTP error with a problem+json body (RFC 9457); `errors` lists field-level problems. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { field: string; message: string }[],
  ) {
    super(title);
    this.name = 'HttpProblem';
  }
}

export function problemResponse(problem: HttpProblem): APIGatewayProxyResultV2 {
  return {
    statusCode: problem.status,
    headers: { 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
    }),
  };
}

/** Turns thrown HttpProblems into problem+json; anything else is a 500 without internal detail. */
export function httpProblems(): MiddlewareObj<unknown, APIGatewayProxyResultV2> {
  return {
    onError: (request) => {
      const error = request.error;
      if (error instanceof HttpProblem) {
        request.response = problemResponse(error);
        return;
      }
      logger.error('unhandled API error', { error: error as Error });
      request.response = problemResponse(new HttpProblem(500, 'Internal Server Error'));
    },
  };
}
