import { RunRecord } from '../../domain/run-record';
import type { RunLog } from '../../ports/run-log';

/** Run records in memory, with the DynamoDB log's rules: for use-case tests. */
export function createMemoryRunLog(): RunLog {
  const runs = new Map<string, RunRecord>();
  return {
    async record(run) {
      runs.set(run.runId, RunRecord.parse(run));
    },
    async runsBetween(since, until) {
      const from = since.toISOString();
      const to = until.toISOString();
      const found = [...runs.values()].filter((run) => run.startedAt >= from && run.startedAt <= to);
      found.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
      return { runs: found.map((run) => structuredClone(run)), unreadable: 0 };
    },
  };
}
