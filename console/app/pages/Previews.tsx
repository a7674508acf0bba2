import type { ConsolePreview as JourneyPreview } from '../../../shared/use-cases/console-previews';
import { useT } from '../i18n';
import { hrefOf } from '../route';

export type { ConsolePreview as JourneyPreview } from '../../../shared/use-cases/console-previews';

export function Previews({ previews }: { previews: JourneyPreview[] }) {
  const t = useT();
  return (
    <section aria-labelledby="previews-title">
      <h2 id="previews-title">{t('previewsTitle')}</h2>
      <div className="previews">
        {previews.map((preview) => (
          <article key={`${preview.stepId}-${preview.locale}`} className="preview" aria-label={`${preview.stepId} · ${preview.channel} · ${preview.locale}`}>
            <h3>
              {preview.stepId} · {preview.channel} · <span lang={preview.locale}>{preview.locale}</span>
            </h3>
            <p className="note">
              {t('sampleCustomer')} <a href={hrefOf.customer(preview.customerId)}>{preview.customerId}</a> · {preview.sendDate}
            </p>
            {preview.notices.map((notice) => (
              <p key={notice} className="note">
                {notice}
              </p>
            ))}
            {preview.problem ? (
              <p className="status error">{preview.problem}</p>
            ) : (
              <div lang={preview.locale}>
                {preview.subject && <p className="subject">{preview.subject}</p>}
                {preview.html ? (
                  <iframe title={`${preview.stepId} ${preview.locale}`} sandbox="" srcDoc={preview.html} />
                ) : preview.text ? (
                  <pre>{preview.text}</pre>
                ) : (
                  <p>{t('previewUnavailable')}</p>
                )}
              </div>
            )}
          </article>
        ))}
      </div>
    </section>
  );
}
