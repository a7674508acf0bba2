import type { DynamoDBDocumentClient } from '../shared/adapters/dynamodb/document-client';
import type { IsoDate } from '../shared/domain/dates';
import type { Journey } from '../shared/domain/journey/schema';
import type { RecomputeResult } from '../shared/use-cases/recompute-due-index';

/**
 * Files every stored customer in the due index from the date run, before its first tick: the
 * journeys may have changed since the last run, customers may have been imported without entries,
 * and a replayed day must find its customers due even if a later day moved them on.
 */
export async function recomputeForDate(
  client: DynamoDBDocumentClient,
  tableName: string,
  { journeys, date }: { journeys: readonly Journey[]; date: IsoDate },
  progress: (done: number, total: number) => void,
): Promise<RecomputeResult> {
  // Imported here, not at the top: the adapters load the engine's logger, which must be created
  // after the local engine has set its log level (as in a cold start), not when start.ts loads.
  const [{ createDynamoDueIndex }, { createDynamoDueIndexState }, { createDynamoCustomerListing }, { recomputeDueIndex }] = await Promise.all([
    import('../shared/adapters/dynamodb/due-index'),
    import('../shared/adapters/dynamodb/due-index-state'),
    import('../shared/adapters/dynamodb/customer-listing'),
    import('../shared/use-cases/recompute-due-index'),
  ]);
  return recomputeDueIndex(
    { now: new Date(), from: date },
    {
      journeys,
      customerListing: createDynamoCustomerListing(client, tableName),
      dueIndex: createDynamoDueIndex(client, tableName),
      dueIndexState: createDynamoDueIndexState(client, tableName),
      onProgress: (state) => progress(state.done, state.total),
    },
  );
}
