import { useEffect, useRef, type ReactNode } from 'react';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartData } from 'chart.js';
import type { Loaded } from './api';
import { useLanguage, useT } from './i18n';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Tooltip);

export function Status({ children, error = false }: { children: ReactNode; error?: boolean }) {
  return (
    <p className={error ? 'status error' : 'status'} role={error ? 'alert' : 'status'}>
      {children}
    </p>
  );
}

/** Shows loading and failure the same way on every page; `children` renders the data. */
export function Load<T>({ loaded, children }: { loaded: Loaded<T>; children: (data: T) => ReactNode }) {
  const t = useT();
  if (loaded.state === 'loading') return <Status>{t('loading')}</Status>;
  if (loaded.state === 'failed') return <Status error>{t('failed', { detail: loaded.error.message })}</Status>;
  return <>{children(loaded.data)}</>;
}

/** An instant in the reader's language, in `timeZone` (the reader's own when absent); with `dateOnly`, its date alone. */
export function useFormatInstant(timeZone?: string): (iso: string, dateOnly?: boolean) => string {
  const language = useLanguage();
  return (iso, dateOnly = false) =>
    iso.length === 10 ? iso : new Date(iso).toLocaleString(language, { dateStyle: 'medium', ...(dateOnly ? {} : { timeStyle: 'short' }), ...(timeZone ? { timeZone } : {}) });
}

/** Colours with at least 3:1 contrast against white, one per channel, kept across charts. */
export const channelColours: Record<string, string> = { email: '#1f5fa8', sms: '#b3541e', print: '#2f7d32', task: '#6a3d9a' };

/** A stacked bar chart (Chart.js) with a text alternative for screen readers. */
export function BarChart({ data, label, onPick, stacked = true }: { data: ChartData<'bar'>; label: string; onPick?: (index: number) => void; stacked?: boolean }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!canvas.current) return;
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data,
      options: {
        animation: false,
        responsive: true,
        maintainAspectRatio: false,
        scales: { x: { stacked }, y: { stacked, beginAtZero: true, ticks: { precision: 0 } } },
        onClick: (_event, elements) => {
          const first = elements[0];
          if (first && onPick) onPick(first.index);
        },
      },
    });
    return () => chart.destroy();
  }, [data, onPick, stacked]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
