import { useMemo, useState } from 'react';
import type { ChartData } from 'chart.js';
import type { DeliveryHealth } from '../../../shared/use-cases/console-health';
import type { RunHealth } from '../../../shared/use-cases/console-runs';
import { api, useApi } from '../api';
import { useT } from '../i18n';
import { BarChart, channelColours, Load, Status, useFormatInstant } from '../parts';
import { RunsSection } from './RunsSection';

interface PauseState {
  paused: boolean;
  since?: string;
  reason?: string;
}

interface HealthAnswer extends DeliveryHealth {
  countedAt: string;
  deadLetters: { name: string; messages: number }[];
  promotionalEmail: PauseState;
  mayPause: boolean;
  runs: RunHealth;
}

const failedStatuses = ['failed', 'expired'] as const;
const percent = (rate: number) => `${(rate * 100).toFixed(2)} %`;

function ChannelChart({ health }: { health: HealthAnswer }) {
  const t = useT();
  const data = useMemo<ChartData<'bar'>>(
    () => ({
      labels: health.channels.map(({ channel }) => channel),
      datasets: [
        { label: t('colSent'), data: health.channels.map(({ outcomes }) => outcomes.sent ?? 0), backgroundColor: health.channels.map(({ channel }) => channelColours[channel] ?? '#444') },
        { label: t('colFailed'), data: health.channels.map(({ outcomes }) => failedStatuses.reduce((sum, status) => sum + (outcomes[status] ?? 0), 0)), backgroundColor: '#b00020' },
      ],
    }),
    [health, t],
  );
  return <BarChart data={data} label={t('channelsTitle')} stacked={false} />;
}

function PauseSwitch({ initial, mayPause }: { initial: PauseState; mayPause: boolean }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const [state, setState] = useState(initial);
  const [error, setError] = useState<string>();
  const toggle = async () => {
    try {
      setState(await api<PauseState>('/v1/console/pauses/email/promotional', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ paused: !state.paused }) }));
      setError(undefined);
    } catch (failure) {
      setError((failure as Error).message);
    }
  };
  return (
    <section aria-labelledby="pause-title">
      <h2 id="pause-title">{t('pauseTitle')}</h2>
      <p role="status">{state.paused ? t('paused', { at: formatInstant(state.since ?? ''), reason: state.reason ?? '' }) : t('running')}</p>
      {mayPause ? (
        <button type="button" onClick={toggle} aria-pressed={state.paused}>
          {state.paused ? t('resume') : t('pause')}
        </button>
      ) : (
        <p className="note">{t('brandOnly')}</p>
      )}
      {error && <Status error>{t('failed', { detail: error })}</Status>}
    </section>
  );
}

export function HealthPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const loaded = useApi<HealthAnswer>('/v1/console/health');
  return (
    <section aria-labelledby="health-title">
      <h1 id="health-title">{t('healthTitle')}</h1>
      <Load loaded={loaded}>
        {(health) => (
          <>
            <p className="note">{t('countedAt', { at: formatInstant(health.countedAt) })}</p>
            <PauseSwitch initial={health.promotionalEmail} mayPause={health.mayPause} />
            <h2>{t('channelsTitle')}</h2>
            <ChannelChart health={health} />
            <h2>{t('ratesTitle')}</h2>
            <dl className="facts">
              <dt>{t('colSent')}</dt>
              <dd>{health.email.sent}</dd>
              <dt>{t('bounceRate')}</dt>
              <dd>
                {percent(health.email.bounceRate)} ({health.email.bounced})
              </dd>
              <dt>{t('complaintRate')}</dt>
              <dd>
                {percent(health.email.complaintRate)} ({health.email.complained})
              </dd>
            </dl>
            <RunsSection runs={health.runs} />
            <h2>{t('sendsPerDayTitle')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('colDate')}</th>
                  <th scope="col" className="number">{t('colSent')}</th>
                  <th scope="col" className="number">{t('colSkipped')}</th>
                  <th scope="col" className="number">{t('colFailed')}</th>
                </tr>
              </thead>
              <tbody>
                {health.days.map(({ date, outcomes }) => (
                  <tr key={date}>
                    <th scope="row">{date}</th>
                    <td className="number">{outcomes.sent ?? 0}</td>
                    <td className="number">{(outcomes.skipped ?? 0) + (outcomes['frequency-capped'] ?? 0)}</td>
                    <td className="number">{failedStatuses.reduce((sum, status) => sum + (outcomes[status] ?? 0), 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <h2>{t('deadLettersTitle')}</h2>
            {health.deadLetters.length === 0 ? (
              <p>{t('noDeadLetterQueues')}</p>
            ) : (
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('colQueue')}</th>
                    <th scope="col" className="number">{t('colMessages')}</th>
                  </tr>
                </thead>
                <tbody>
                  {health.deadLetters.map(({ name, messages }) => (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td className="number">{messages}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </Load>
    </section>
  );
}
