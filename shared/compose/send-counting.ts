import type { DynamoDBDocumentClient } from '../adapters/dynamodb/document-client';
import { createDynamoSendCounts } from '../adapters/dynamodb/send-counts';
import { logger } from '../logging';
import type { OutcomeCounting } from '../use-cases/count-outcome';

/**
 * The console's outcome counters in the table, for the functions that record outcomes (dispatch,
 * SES feedback). A counter that cannot be written is logged (journey, step, channel, outcome and
 * the error's name: no customer); the send goes on.
 */
export function composeSendCounting(client: DynamoDBDocumentClient, tableName: string): OutcomeCounting {
  return {
    counter: createDynamoSendCounts(client, tableName),
    onFailure: (error, outcome) => {
      logger.warn('an outcome counter could not be written; the console undercounts it', {
        journeyId: outcome.journeyId,
        stepId: outcome.stepId,
        channel: outcome.channel,
        outcome: outcome.outcome,
        error: error instanceof Error ? error.name : 'unknown',
      });
    },
  };
}
