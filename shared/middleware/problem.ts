/**
 * Problem+json (RFC 9457) responses, kept apart from the middleware so the local API server can
 * use them without loading the logger: Powertools reads its settings from the environment when the
 * logger is created, and the local runtime sets that environment only after it has started.
 */
import type { APIGatewayProxyResultV2 } from 'aws-lambda';

/** An HTTP error with a problem+json body (RFC 9457); `errors` lists field-level problems. */
export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: { field: string; message: string }[],
    /** Extra response headers (`Retry-After` on a 429). */
    readonly headers?: Record<string, string>,
  ) {
    super(title);
    this.name = 'HttpProblem';
  }
}

export function problemResponse(problem: HttpProblem): APIGatewayProxyResultV2 {
  return {
    statusCode: problem.status,
    headers: { ...problem.headers, 'content-type': 'application/problem+json' },
    body: JSON.stringify({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      ...(problem.detail ? { detail: problem.detail } : {}),
      ...(problem.errors ? { errors: problem.errors } : {}),
    }),
  };
}
