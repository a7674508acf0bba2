import { useMemo } from 'react';
import { Background, Controls, ReactFlow } from '@xyflow/react';
import type { JourneyDetail } from '../../../shared/use-cases/console-journeys';
import { useApi } from '../api';
import { useT } from '../i18n';
import { Load, useFormatInstant } from '../parts';
import { hrefOf } from '../route';
import { journeyGraph } from './journey-layout';
import { audienceText } from './JourneysPage';
import { Previews, type JourneyPreview } from './Previews';

interface JourneyAnswer {
  countedAt: string;
  journey: JourneyDetail;
  previews?: JourneyPreview[];
}

function Graph({ journey }: { journey: JourneyDetail }) {
  const t = useT();
  const { nodes, edges } = useMemo(() => journeyGraph(journey, t), [journey, t]);
  return (
    <figure className="graph" aria-label={t('graphLabel')}>
      <ReactFlow nodes={nodes} edges={edges} fitView nodesDraggable={false} nodesConnectable={false} proOptions={{ hideAttribution: true }}>
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </figure>
  );
}

export function JourneyPage({ journeyId }: { journeyId: string }) {
  const t = useT();
  const formatInstant = useFormatInstant();
  const loaded = useApi<JourneyAnswer>(`/v1/console/journeys/${encodeURIComponent(journeyId)}`);
  return (
    <section aria-labelledby="journey-title">
      <p>
        <a href={hrefOf.journeys()}>← {t('backToJourneys')}</a>
      </p>
      <Load loaded={loaded}>
        {({ journey, countedAt, previews }) => (
          <>
            <h1 id="journey-title">{journey.name}</h1>
            {journey.description && <p>{journey.description}</p>}
            <dl className="facts">
              <dt>{t('colTrigger')}</dt>
              <dd>
                <code>{journey.trigger.type}</code>
              </dd>
              <dt>{t('colAudience')}</dt>
              <dd>{audienceText(journey.audience, t)}</dd>
              <dt>{t('colCategory')}</dt>
              <dd>{journey.category}</dd>
              <dt>{t('colSent30')}</dt>
              <dd>{journey.sentRecently}</dd>
              <dt>{t('colDue30')}</dt>
              <dd>{journey.dueAhead}</dd>
            </dl>
            <p className="note">{t('countedAt', { at: formatInstant(countedAt) })}</p>
            <h2>{t('journeyGraph')}</h2>
            <Graph journey={journey} />
            <h2>{t('stepsTitle')}</h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('colStep')}</th>
                  <th scope="col">{t('colChannel')}</th>
                  <th scope="col">{t('colTemplate')}</th>
                  <th scope="col">{t('colOffset')}</th>
                  <th scope="col">{t('colOutcomes')}</th>
                </tr>
              </thead>
              <tbody>
                {journey.steps.map((step) => (
                  <tr key={step.id}>
                    <th scope="row">{step.id}</th>
                    <td>
                      {step.channel}
                      {step.fallback ? ` (${t('fallbackTo', { channel: step.fallback.channel })})` : ''}
                    </td>
                    <td>
                      <code>{step.template}</code>
                    </td>
                    <td>{step.offsetHours !== undefined ? t('hoursOffset', { n: step.offsetHours }) : step.offsetDays}</td>
                    <td>
                      {Object.entries(step.outcomes)
                        .map(([status, count]) => `${status}: ${count}`)
                        .join(', ') || t('none')}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {previews && <Previews previews={previews} />}
          </>
        )}
      </Load>
    </section>
  );
}
