import { useT } from '../i18n';

/** One step's template rendered for a sample customer in one locale, as dispatch renders it. */
export interface JourneyPreview {
  stepId: string;
  channel: string;
  locale: string;
  subject?: string;
  /** Email HTML, shown in a sandboxed frame (no scripts, no same-origin access). */
  html?: string;
  text?: string;
  /** Why there is no preview (a template error), instead of the content. */
  problem?: string;
}

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
