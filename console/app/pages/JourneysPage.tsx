import type { JourneySummary } from '../../../shared/use-cases/console-journeys';
import { useApi } from '../api';
import { useT, type Translate } from '../i18n';
import { Load, useFormatInstant } from '../parts';
import { hrefOf } from '../route';

export interface JourneysAnswer {
  countedAt: string;
  journeys: JourneySummary[];
  /** When the journeys folder failed to load: what the loader reported, by file and line. */
  violations?: { file: string; line?: number; field?: string; message: string }[];
}

export function audienceText(audience: JourneySummary['audience'], t: Translate): string {
  const parts = Object.entries(audience).map(([name, values]) => `${name}: ${(values as string[]).join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : t('everyone');
}

export function JourneysPage() {
  const t = useT();
  const formatInstant = useFormatInstant();
  const loaded = useApi<JourneysAnswer>('/v1/console/journeys');
  return (
    <section aria-labelledby="journeys-title">
      <h1 id="journeys-title">{t('journeysTitle')}</h1>
      <Load loaded={loaded}>
        {({ countedAt, journeys, violations }) => (
          <>
            {violations && violations.length > 0 && (
              <div className="config-errors" role="alert">
                <h2>{t('configErrors')}</h2>
                <ul>
                  {violations.map((violation, index) => (
                    <li key={index}>
                      <code>
                        {violation.file}
                        {violation.line !== undefined ? `:${violation.line}` : ''}
                      </code>{' '}
                      {violation.field ? <code>{violation.field}</code> : null} {violation.message}
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <p className="note">{t('countedAt', { at: formatInstant(countedAt) })}</p>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('colJourney')}</th>
                  <th scope="col">{t('colTrigger')}</th>
                  <th scope="col">{t('colAudience')}</th>
                  <th scope="col">{t('colCategory')}</th>
                  <th scope="col">{t('colChannels')}</th>
                  <th scope="col" className="number">{t('colSent30')}</th>
                  <th scope="col" className="number">{t('colDue30')}</th>
                </tr>
              </thead>
              <tbody>
                {journeys.map((journey) => (
                  <tr key={journey.id}>
                    <th scope="row">
                      <a href={hrefOf.journey(journey.id)}>{journey.name}</a>
                      {!journey.enabled && <span className="tag">{t('disabled')}</span>}
                    </th>
                    <td>
                      <code>{journey.trigger.type}</code>
                    </td>
                    <td>{audienceText(journey.audience, t)}</td>
                    <td>{journey.category}</td>
                    <td>{journey.channels.join(', ')}</td>
                    <td className="number">{journey.sentRecently}</td>
                    <td className="number">{journey.dueAhead}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
      </Load>
    </section>
  );
}
