import { useState, type FormEvent } from 'react';
import type { CustomerStory, TimelineEntry } from '../../../shared/use-cases/console-customer';
import { ApiError, useApi } from '../api';
import { useT, type Translate } from '../i18n';
import { Status, useFormatInstant } from '../parts';
import { hrefOf } from '../route';

function entryText(entry: TimelineEntry, t: Translate): { kind: string; what: string; outcome?: string } {
  switch (entry.kind) {
    case 'event':
      return { kind: t('kindEvent'), what: `${entry.part}${entry.subject ? ` ${entry.subject}` : ''}` };
    case 'visit':
      return { kind: t('kindVisit'), what: entry.work.join(', ') };
    case 'complaint':
      return { kind: t('kindComplaint'), what: `${entry.reference}${entry.closedOn ? ` (${entry.closedOn})` : ''}` };
    case 'occurrence': {
      const { occurrence } = entry;
      return { kind: t('kindOccurrence'), what: `${occurrence.journeyId} / ${occurrence.occurrenceKey} · ${occurrence.messages.map((message) => message.channel).join(', ')}`, outcome: occurrence.status };
    }
    case 'not-queued':
      return { kind: t('kindMessage'), what: `${entry.journeyId} / ${entry.occurrenceKey} / ${entry.messageId} · ${entry.channel}`, outcome: `skipped: ${entry.reason}` };
    case 'message': {
      const { send } = entry;
      const delivery = send.delivery ? `, ${send.delivery.status}` : '';
      return {
        kind: t('kindMessage'),
        what: `${send.journeyId} / ${send.occurrenceKey} / ${send.messageId} · ${send.channel}`,
        outcome: `${send.status}${send.reason ? `: ${send.reason}` : ''}${delivery}`,
      };
    }
  }
}

function Story({ story }: { story: CustomerStory }) {
  const t = useT();
  const { customer } = story;
  const formatInstant = useFormatInstant(customer.timeZone);
  return (
    <>
      <h2 id="story-title">
        {customer.firstName} {customer.lastName} <span className="note">({customer.id})</span>
      </h2>
      <p>
        {story.dealer?.name ?? customer.dealerId} · {customer.locale} · {customer.timeZone} · {customer.stage}
        {customer.birthDate ? ` · ${customer.birthDate}` : ''}
      </p>
      <h3>{t('consentTitle')}</h3>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('colChannel')}</th>
            <th scope="col">{t('colGranted')}</th>
            <th scope="col">{t('colSource')}</th>
            <th scope="col">{t('colAt')}</th>
          </tr>
        </thead>
        <tbody>
          {(['email', 'sms', 'print'] as const).map((channel) => {
            const consent = story.consent[channel];
            return (
              <tr key={channel}>
                <th scope="row">{channel}</th>
                <td>{consent ? (consent.granted ? t('yes') : t('no')) : t('none')}</td>
                <td>{consent?.source ?? ''}</td>
                <td>{consent ? formatInstant(consent.at) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('dueTitle')}</h3>
      {story.due.length === 0 ? (
        <p>{t('none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('colJourney')}</th>
              <th scope="col">{t('colDueDate')}</th>
            </tr>
          </thead>
          <tbody>
            {story.due.map((entry) => (
              <tr key={entry.journeyId}>
                <th scope="row">
                  <a href={hrefOf.journey(entry.journeyId)}>{entry.journeyId}</a>
                </th>
                <td>{entry.dueDate}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t('timelineTitle')}</h3>
      <p className="note">{t('timelineZone', { zone: customer.timeZone })}</p>
      <ol className="timeline">
        {story.timeline.map((entry, index) => {
          const { kind, what, outcome } = entryText(entry, t);
          const status = entry.kind === 'message' ? entry.send.status : entry.kind === 'not-queued' ? 'skipped' : undefined;
          return (
            <li key={index} className={status ? `outcome-${status}` : undefined}>
              <time dateTime={entry.at}>{formatInstant(entry.at, 'dateOnly' in entry)}</time> <span className="tag">{kind}</span> {what}
              {outcome && <strong className="outcome"> {outcome}</strong>}
            </li>
          );
        })}
      </ol>
    </>
  );
}

export function CustomerPage({ customerId }: { customerId?: string }) {
  const t = useT();
  const [draft, setDraft] = useState(customerId ?? '');
  const loaded = useApi<CustomerStory>(customerId ? `/v1/console/customers/${encodeURIComponent(customerId)}` : undefined);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.trim()) location.hash = hrefOf.customer(draft.trim());
  };
  return (
    <section aria-labelledby="customer-title">
      <h1 id="customer-title">{t('customerTitle')}</h1>
      <form role="search" onSubmit={submit} className="find">
        <label htmlFor="customer-id">{t('customerId')}</label>
        <input id="customer-id" value={draft} onChange={(event) => setDraft(event.target.value)} autoComplete="off" />
        <button type="submit">{t('find')}</button>
      </form>
      {customerId &&
        (loaded.state === 'loading' ? (
          <Status>{t('loading')}</Status>
        ) : loaded.state === 'failed' ? (
          <Status error>{loaded.error instanceof ApiError && loaded.error.status === 404 ? t('notFound') : t('failed', { detail: loaded.error.message })}</Status>
        ) : (
          <section aria-labelledby="story-title">
            <Story story={loaded.data} />
          </section>
        ))}
    </section>
  );
}
