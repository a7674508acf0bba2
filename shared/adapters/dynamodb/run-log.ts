import { PutCommand, type DynamoDBDocumentClient } from './document-client';
import { addDays } from '../../domain/dates';
import { RunRecord } from '../../domain/run-record';
import type { RunLog } from '../../ports/run-log';
import { attr, itemType, runKey, runPartition } from './keys';
import { queryAll } from './query-all';

/** Long enough for the Health page's days and a month of looking back; the items are small. */
export const runRetentionDays = 35;

/**
 * Run records in the engine table (`RUNS#<UTC day>` / `<startedAt>#<kind>#<runId>`, TTL
 * `runRetentionDays`): one Put per run, one Query per day read.
 */
export function createDynamoRunLog(client: DynamoDBDocumentClient, tableName: string): RunLog {
  return {
    async record(run) {
      const parsed = RunRecord.parse(run);
      const expiresAt = Math.floor(Date.parse(parsed.startedAt) / 1000) + runRetentionDays * 24 * 3600;
      await client.send(new PutCommand({ TableName: tableName, Item: { ...runKey(parsed.startedAt, parsed.kind, parsed.runId), type: itemType.run, ...parsed, [attr.expiresAt]: expiresAt } }));
    },

    async runsBetween(since, until) {
      const from = since.toISOString();
      const to = until.toISOString();
      const days: string[] = [];
      for (let day = from.slice(0, 10); day <= to.slice(0, 10); day = addDays(day, 1)) days.push(day);
      const pages = await Promise.all(
        days.map((day) =>
          queryAll(client, {
            TableName: tableName,
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk },
            // `~` sorts after every character of `#<kind>#<runId>`: a run started at `to` is in.
            ExpressionAttributeValues: { ':pk': runPartition(day), ':from': from, ':to': `${to}~` },
          }),
        ),
      );
      const runs: RunRecord[] = [];
      let unreadable = 0;
      for (const item of pages.flat()) {
        const parsed = RunRecord.safeParse(item);
        if (parsed.success) runs.push(parsed.data);
        else unreadable += 1;
      }
      return { runs, unreadable };
    },
  };
}
