import type { MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyResultV2 } from 'aws-lambda';
import { logger } from '../logging';
import { HttpProblem, problemResponse } from './problem';

export { HttpProblem, problemResponse };

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
