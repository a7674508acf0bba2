import type { Channel } from '../domain/customer';
import { EngineError } from '../domain/errors';
import type { SendingPause } from '../domain/sending-pause';
import type { Tenant } from '../domain/tenant';
import type { SendRecord, SendStatus } from '../ports/ledger';
import type { SendingPauses } from '../ports/sending-pause';
import type { TenantView } from './console-snapshot';

/** Days of sends the Health page lists day by day. */
export const healthDays = 7;

export type StatusCounts = Partial<Record<SendStatus, number>>;

export interface DeliveryHealth {
  /** Per UTC day of the last `healthDays`, newest first: the outcomes of the sends written that day. */
  days: { date: string; outcomes: StatusCounts }[];
  /** Per channel, over the lookback (30 days). */
  channels: { channel: Channel; outcomes: StatusCounts }[];
  email: { sent: number; bounced: number; complained: number; bounceRate: number; complaintRate: number };
}

const count = (sends: readonly SendRecord[]): StatusCounts => {
  const outcomes: StatusCounts = {};
  for (const send of sends) outcomes[send.status] = (outcomes[send.status] ?? 0) + 1;
  return outcomes;
};

/** What went out and how it fared, from the tenant's sends of the lookback. Pure; `now` for the days. */
export function deliveryHealth(view: TenantView, now: Date): DeliveryHealth {
  const days = Array.from({ length: healthDays }, (_, back) => new Date(now.getTime() - back * 24 * 3600 * 1000).toISOString().slice(0, 10));
  const channels: Channel[] = ['email', 'sms', 'print', 'task'];
  const emails = view.sends.filter((send) => send.channel === 'email' && send.status === 'sent');
  const bounced = emails.filter((send) => send.delivery?.status === 'bounced').length;
  const complained = emails.filter((send) => send.delivery?.status === 'complained').length;
  return {
    days: days.map((date) => ({ date, outcomes: count(view.sends.filter((send) => send.updatedAt.slice(0, 10) === date)) })),
    channels: channels.map((channel) => ({ channel, outcomes: count(view.sends.filter((send) => send.channel === channel)) })),
    email: {
      sent: emails.length,
      bounced,
      complained,
      bounceRate: emails.length === 0 ? 0 : bounced / emails.length,
      complaintRate: emails.length === 0 ? 0 : complained / emails.length,
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
