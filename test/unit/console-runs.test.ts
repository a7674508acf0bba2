import { describe, expect, it } from 'vitest';
import { createMemoryRunLog } from '../../shared/adapters/memory/run-log';
import { evaluationCounts, recordedRun } from '../../shared/compose/run-records';
import type { RunRecord } from '../../shared/domain/run-record';
import { missedRuns, runDaysOf, runHealth } from '../../shared/use-cases/console-runs';

const aRun = (kind: RunRecord['kind'], startedAt: string, outcome: RunRecord['outcome'] = 'succeeded'): RunRecord => ({
  runId: `${kind}-${startedAt}`,
  kind,
  scheduledFor: startedAt,
  startedAt,
  finishedAt: startedAt,
  outcome,
  counts: {},
});
const hourly = (kind: RunRecord['kind'], from: string, hours: number[]) => hours.map((hour) => aRun(kind, new Date(Date.parse(from) + hour * 3600_000).toISOString()));
const since = new Date('2026-11-20T00:00:00Z');

describe('recording scheduled runs', () => {
  it("records a run's counts and instants when it ends, and returns its summary", async () => {
    const log = createMemoryRunLog();
    const instants = ['2026-11-27T10:00:00.000Z', '2026-11-27T10:00:02.500Z'];
    const clock = () => new Date(instants.shift()!);
    const summary = { candidates: 4, started: 2, queued: { birthday: { email: 2, sms: 1 } }, skippedNoConsent: { birthday: { sms: 1 } }, outcomes: [{ occurrence: 'birthday#c-1#2026' }] };

    const result = await recordedRun(async () => summary, { log, kind: 'evaluation', scheduledFor: new Date('2026-11-27T10:00:00Z'), countsOf: evaluationCounts, onRecordFailed: () => undefined, clock });

    expect(result).toBe(summary);
    const { runs } = await log.runsBetween(new Date('2026-11-27T00:00:00Z'), new Date('2026-11-27T11:00:00Z'));
    expect(runs).toEqual([
      expect.objectContaining({ kind: 'evaluation', startedAt: '2026-11-27T10:00:00.000Z', finishedAt: '2026-11-27T10:00:02.500Z', outcome: 'succeeded', counts: { candidates: 4, started: 2, queued: 3, skippedNoConsent: 1 } }),
    ]);
  });

  it("records a run that throws as failed with its error's name only, and throws the error on", async () => {
    const log = createMemoryRunLog();
    const failure = new Error('customer ann@example.com broke it');
    failure.name = 'TimeoutError';

    await expect(recordedRun(() => Promise.reject(failure), { log, kind: 'reconcile', scheduledFor: new Date(), countsOf: () => ({}), onRecordFailed: () => undefined })).rejects.toBe(failure);

    const { runs } = await log.runsBetween(new Date(Date.now() - 60_000), new Date(Date.now() + 60_000));
    expect(runs).toEqual([expect.objectContaining({ kind: 'reconcile', outcome: 'failed', error: 'TimeoutError', counts: {} })]);
    expect(JSON.stringify(runs)).not.toContain('ann@example.com');
  });

  it('lets the run stand when its record cannot be written, and says so', async () => {
    const told: unknown[] = [];
    const broken = { record: () => Promise.reject(new Error('throttled')), runsBetween: async () => ({ runs: [], unreadable: 0 }) };

    const result = await recordedRun(async () => ({ released: 1 }), { log: broken, kind: 'release', scheduledFor: new Date(), countsOf: () => ({}), onRecordFailed: (error) => told.push(error) });

    expect(result).toEqual({ released: 1 });
    expect(told).toHaveLength(1);
  });
});

describe('runs the schedule missed', () => {
  it('finds nothing missing when every hourly run and every 5-minute release ran', () => {
    const now = new Date('2026-11-27T10:10:00Z');
    const releases = Array.from({ length: 26 }, (_, index) => aRun('release', new Date(Date.parse('2026-11-27T08:00:00Z') + index * 300_000).toISOString()));
    const runs = [...hourly('evaluation', '2026-11-27T08:00:00Z', [0, 1, 2]), ...hourly('reconcile', '2026-11-27T08:30:00Z', [0, 1]), ...releases];

    expect(missedRuns(runs, since, now)).toEqual([]);
  });

  it('shows the hours an hourly evaluation did not run, between two runs and up to now (a run less than half an hour late is not missed yet)', () => {
    const now = new Date('2026-11-27T16:05:00Z');
    const runs = hourly('evaluation', '2026-11-27T08:00:00Z', [0, 1, 4, 5]);

    const missed = missedRuns(runs, since, now).filter((stretch) => stretch.kind === 'evaluation');

    expect(missed).toEqual([
      { kind: 'evaluation', from: '2026-11-27T14:00:00.000Z', until: '2026-11-27T16:05:00.000Z', runs: 2 },
      { kind: 'evaluation', from: '2026-11-27T10:00:00.000Z', until: '2026-11-27T12:00:00.000Z', runs: 2 },
    ]);
  });

  it('misses a whole kind that never ran since the first run of any kind, and the whole window when nothing ran', () => {
    const now = new Date('2026-11-27T11:00:00Z');
    const runs = hourly('evaluation', '2026-11-27T08:00:00Z', [0, 1, 2, 3]);

    expect(missedRuns(runs, since, now).find((stretch) => stretch.kind === 'reconcile')).toEqual({ kind: 'reconcile', from: '2026-11-27T08:30:00.000Z', until: '2026-11-27T11:00:00.000Z', runs: 3 });
    expect(missedRuns([], since, now).find((stretch) => stretch.kind === 'evaluation')!.runs).toBe(7 * 24 + 11);
  });

  it('counts runs per day by outcome, and missed runs on the day they were due', () => {
    const now = new Date('2026-11-27T02:30:00Z');
    const runs = [...hourly('evaluation', '2026-11-26T22:00:00Z', [0, 1]), aRun('evaluation', '2026-11-27T02:00:00.000Z', 'failed')];
    const missed = missedRuns(runs, since, now).filter((stretch) => stretch.kind === 'evaluation');

    const days = runDaysOf(runs, missed, now, 2);

    expect(days).toEqual([
      { date: '2026-11-27', kinds: { evaluation: { succeeded: 0, failed: 1, missed: 2 } } },
      { date: '2026-11-26', kinds: { evaluation: { succeeded: 2, failed: 0, missed: 0 } } },
    ]);
  });

  it("lists the log's runs of the last days newest first", async () => {
    const log = createMemoryRunLog();
    for (const run of hourly('evaluation', '2026-11-27T08:00:00Z', [0, 1, 2])) await log.record(run);

    const health = await runHealth(log, new Date('2026-11-27T10:30:00Z'));

    expect(health.runs.map((run) => run.startedAt)).toEqual(['2026-11-27T10:00:00.000Z', '2026-11-27T09:00:00.000Z', '2026-11-27T08:00:00.000Z']);
  });
});
