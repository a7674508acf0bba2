import type { Channel } from '../domain/customer';
import { EngineError } from '../domain/errors';
import type { SendingPause } from '../domain/sending-pause';
import type { Tenant } from '../domain/tenant';
import type { FinishedSendStatus } from '../ports/ledger';
import type { CountRow } from '../ports/send-counts';
import type { SendingPauses } from '../ports/sending-pause';
import { sumOf } from './console-counts';

/** Days of sends the Health page lists day by day. */
export const healthDays = 7;

export type StatusCounts = Partial<Record<FinishedSendStatus, number>>;

export interface DeliveryHealth {
  /** Per UTC day of the last `healthDays`, newest first: the final outcomes recorded that day. */
  days: { date: string; outcomes: StatusCounts }[];
  /** Per channel, over the lookback (30 days). */
  channels: { channel: Channel; outcomes: StatusCounts }[];
  email: { sent: number; bounced: number; complained: number; bounceRate: number; complaintRate: number };
}

/** The final statuses among the rows (bounces and complaints are reports on sent emails, counted apart). */
const count = (rows: readonly CountRow[]): StatusCounts => {
  const outcomes: StatusCounts = {};
  for (const row of rows) if (row.outcome !== 'bounced' && row.outcome !== 'complained') outcomes[row.outcome] = (outcomes[row.outcome] ?? 0) + row.count;
  return outcomes;
};

/**
 * What went out and how it fared, from the tenant's outcome counters of the lookback. Pure; `now`
 * for the days. Rates are the bounces and complaints reported in the lookback over the emails
 * sent in it (a bounce of an email sent just before the window counts too: a small overstatement).
 */
export function deliveryHealth(rows: readonly CountRow[], now: Date): DeliveryHealth {
  const days = Array.from({ length: healthDays }, (_, back) => new Date(now.getTime() - back * 24 * 3600 * 1000).toISOString().slice(0, 10));
  const channels: Channel[] = ['email', 'sms', 'print', 'task'];
  const sent = sumOf(rows, (row) => row.channel === 'email' && row.outcome === 'sent');
  const bounced = sumOf(rows, (row) => row.channel === 'email' && row.outcome === 'bounced');
  const complained = sumOf(rows, (row) => row.channel === 'email' && row.outcome === 'complained');
  return {
    days: days.map((date) => ({ date, outcomes: count(rows.filter((row) => row.day === date)) })),
    channels: channels.map((channel) => ({ channel, outcomes: count(rows.filter((row) => row.channel === channel)) })),
    email: {
      sent,
      bounced,
      complained,
      bounceRate: sent === 0 ? 0 : bounced / sent,
      complaintRate: sent === 0 ? 0 : complained / sent,
    },
  };
}

/** The one switch the console may turn: promotional email, for everyone. */
export const consolePauseSwitch = { channel: 'email', category: 'promotional' } as const;

/** The switch's state: the pause when it is on. */
export async function promotionalEmailPause(pauses: SendingPauses): Promise<SendingPause | undefined> {
  return (await pauses.activePauses()).find((pause) => pause.channel === consolePauseSwitch.channel && pause.category === consolePauseSwitch.category);
}

/** Only brand users may stop or restart promotional email: it stops it for every dealer. */
export class PauseNotAllowedError extends EngineError {}

/**
 * Turns promotional email off or on from the console, as `npm run pause` / `resume` do, for a
 * brand user only; returns the switch's state after.
 */
export async function setPromotionalEmailPause(paused: boolean, tenant: Tenant, now: Date, pauses: SendingPauses): Promise<SendingPause | undefined> {
  if (tenant.kind !== 'brand') throw new PauseNotAllowedError('only a brand user may pause or resume promotional email');
  if (paused) await pauses.pause({ ...consolePauseSwitch, reason: 'manual', source: `console:brand:${tenant.brandId}`, at: now.toISOString() });
  else await pauses.resume(consolePauseSwitch.channel, consolePauseSwitch.category);
  return promotionalEmailPause(pauses);
}
