import { useCallback, useMemo } from 'react';
import type { ChartData } from 'chart.js';
import type { Channel } from '../../../shared/domain/customer';
import type { SimulatedSend } from '../../../shared/domain/simulated-send';
import type { CalendarDay } from '../../../shared/use-cases/console-calendar';
import { useApi } from '../api';
import { useT } from '../i18n';
import { BarChart, channelColours, Load, useFormatInstant } from '../parts';
import { hrefOf } from '../route';

interface CalendarAnswer {
  /** Null before the calendar job's first run for this tenant (then no days either). */
  simulatedAt: string | null;
  from?: string;
  to?: string;
  days: CalendarDay[];
}

const channels: Channel[] = ['email', 'sms', 'print', 'task'];

function DayList({ date }: { date: string }) {
  const t = useT();
  const loaded = useApi<{ date: string; sends: SimulatedSend[]; more: number }>(`/v1/console/calendar/${date}`);
  return (
    <section aria-labelledby="day-title">
      <h2 id="day-title">{t('dayTitle', { date })}</h2>
      <Load loaded={loaded}>
        {({ sends, more }) => (
          <>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('colCustomer')}</th>
                  <th scope="col">{t('colJourney')}</th>
                  <th scope="col">{t('colStep')}</th>
                  <th scope="col">{t('colChannel')}</th>
                  <th scope="col">{t('colAt')}</th>
                  <th scope="col">{t('colOutcome')}</th>
                </tr>
              </thead>
              <tbody>
                {sends.map((send) => (
                  <tr key={`${send.customerId}-${send.journeyId}-${send.occurrence}-${send.messageId}`}>
                    <th scope="row">
                      <a href={hrefOf.customer(send.customerId)}>{send.customerId}</a>
                    </th>
                    <td>
                      <a href={hrefOf.journey(send.journeyId)}>{send.journeyId}</a>
                    </td>
                    <td>{send.messageId}</td>
                    <td>{send.channel}</td>
                    <td>{send.localTime}</td>
                    <td>
                      {send.outcome}
                      {send.reason ? `: ${send.reason}` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {more > 0 ? <p className="note">{t('dayMore', { count: more })}</p> : null}
          </>
        )}
      </Load>
    </section>
  );
}

function CalendarChart({ calendar }: { calendar: CalendarAnswer }) {
  const t = useT();
  const data = useMemo<ChartData<'bar'>>(
    () => ({
      labels: calendar.days.map((day) => day.date),
      datasets: channels.map((channel) => ({ label: channel, data: calendar.days.map((day) => day.channels[channel] ?? 0), backgroundColor: channelColours[channel] })),
    }),
    [calendar],
  );
  const pick = useCallback((index: number) => {
    const day = calendar.days[index];
    if (day) location.hash = hrefOf.calendar(day.date);
  }, [calendar]);
  return (
    <>
      <h2>{t('calendarChart')}</h2>
      <BarChart data={data} label={t('calendarChart')} onPick={pick} />
    </>
  );
}

function CalendarTable({ calendar }: { calendar: CalendarAnswer }) {
  const t = useT();
  return (
    <>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('colDate')}</th>
            <th scope="col">{t('colJourney')}</th>
            {channels.map((channel) => (
              <th scope="col" key={channel} className="number">
                {channel}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {calendar.days.flatMap((day) =>
            Object.entries(day.journeys).map(([journeyId, counts], index) => (
              <tr key={`${day.date}-${journeyId}`}>
                {index === 0 ? (
                  <th scope="row" rowSpan={Object.keys(day.journeys).length}>
                    <a href={hrefOf.calendar(day.date)}>{day.date}</a>
                  </th>
                ) : null}
                <td>{journeyId}</td>
                {channels.map((channel) => (
                  <td key={channel} className="number">
                    {counts[channel] ?? ''}
                  </td>
                ))}
              </tr>
            )),
          )}
        </tbody>
      </table>
    </>
  );
}

export function CalendarPage({ date }: { date?: string }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const loaded = useApi<CalendarAnswer>('/v1/console/calendar');
  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">{t('calendarTitle')}</h1>
      <Load loaded={loaded}>
        {(calendar) => (
          <>
            <p className="note">
              {calendar.simulatedAt === null ? t('calendarNotYet') : `${calendar.from} – ${calendar.to}. ${t('calendarFrom', { at: formatInstant(calendar.simulatedAt) })}`}
            </p>
            <CalendarChart calendar={calendar} />
            {date ? <DayList date={date} /> : <p>{t('pickDay')}</p>}
            <h2>{t('calendarByJourney')}</h2>
            <CalendarTable calendar={calendar} />
          </>
        )}
      </Load>
    </section>
  );
}
