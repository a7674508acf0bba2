import { useMemo } from 'react';
import type { ChartData } from 'chart.js';
import type { RunRecord } from '../../../shared/domain/run-record';
import type { MissedRuns, RunHealth } from '../../../shared/use-cases/console-runs';
import { useT, type Translate } from '../i18n';
import type { MessageKey } from '../i18n/en';
import { BarChart, useFormatInstant } from '../parts';

/** Rows the table shows at most, newest first; the chart counts every run. */
const listedRows = 24;

/** At least 3:1 against white, and told apart by the legend's words too. */
const outcomeColours = { succeeded: '#2f7d32', failed: '#b00020', missed: '#5c5c5c' } as const;
const outcomes = ['succeeded', 'failed', 'missed'] as const;
const outcomeLabel: Record<(typeof outcomes)[number], MessageKey> = { succeeded: 'runSucceeded', failed: 'runFailed', missed: 'runMissed' };
const kindLabel: Record<RunRecord['kind'], MessageKey> = { evaluation: 'runEvaluation', reconcile: 'runReconcile', release: 'runRelease' };

type Row = { at: string; run: RunRecord } | { at: string; missed: MissedRuns };

const seconds = (run: RunRecord) => ((Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 1000).toFixed(1);
const countsText = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, value]) => value > 0)
    .map(([name, value]) => `${name} ${value}`)
    .join(' · ');

function RunsChart({ runs, t }: { runs: RunHealth; t: Translate }) {
  const data = useMemo<ChartData<'bar'>>(() => {
    const days = [...runs.days].reverse();
    return {
      labels: days.map(({ date }) => date),
      datasets: outcomes.map((outcome) => ({
        label: t(outcomeLabel[outcome]),
        data: days.map(({ kinds }) => Object.values(kinds).reduce((sum, counts) => sum + (counts?.[outcome] ?? 0), 0)),
        backgroundColor: outcomeColours[outcome],
      })),
    };
  }, [runs, t]);
  return <BarChart data={data} label={t('runsChart')} />;
}

/** The scheduled functions' runs of the last days: a chart per day, and a table of runs and of runs that did not happen. */
export function RunsSection({ runs }: { runs: RunHealth }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const rows: Row[] = [...runs.runs.map((run): Row => ({ at: run.startedAt, run })), ...runs.missed.map((missed): Row => ({ at: missed.from, missed }))]
    // Stable: rows at one instant keep the order the route gave them.
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, listedRows);
  const total = runs.runs.length + runs.missed.length;
  return (
    <section aria-labelledby="runs-title">
      <h2 id="runs-title">{t('runsTitle')}</h2>
      <RunsChart runs={runs} t={t} />
      {total > listedRows && <p className="note">{t('runsListed', { shown: listedRows, total })}</p>}
      <table className="runs">
        <thead>
          <tr>
            <th scope="col">{t('colRun')}</th>
            <th scope="col">{t('colScheduledFor')}</th>
            <th scope="col">{t('colStarted')}</th>
            <th scope="col" className="number">{t('colSeconds')}</th>
            <th scope="col">{t('colOutcome')}</th>
            <th scope="col">{t('colCounts')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) =>
            'run' in row ? (
              <tr key={row.run.runId} className={row.run.outcome === 'failed' ? 'run-failed' : undefined}>
                <th scope="row">{t(kindLabel[row.run.kind])}</th>
                <td>{formatInstant(row.run.scheduledFor)}</td>
                <td>{formatInstant(row.run.startedAt)}</td>
                <td className="number">{seconds(row.run)}</td>
                <td>{row.run.outcome === 'failed' ? `${t('runFailed')}: ${row.run.error ?? ''}` : t('runSucceeded')}</td>
                <td>{countsText(row.run.counts)}</td>
              </tr>
            ) : (
              <tr key={`missed-${row.missed.kind}-${row.missed.from}`} className="run-missed">
                <th scope="row">{t(kindLabel[row.missed.kind])}</th>
                <td>{formatInstant(row.missed.from)}</td>
                <td>-</td>
                <td className="number">-</td>
                <td>{t('runMissed')}</td>
                <td>{t('missedRuns', { runs: row.missed.runs, until: formatInstant(row.missed.until) })}</td>
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}
