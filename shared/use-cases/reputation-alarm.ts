import * as z from 'zod';
import type { SendingPauses } from '../ports/sending-pause';

/** The part of a CloudWatch alarm's SNS notification the engine reads. */
export const AlarmNotification = z.object({
  AlarmName: z.string().min(1),
  NewStateValue: z.string().min(1),
  StateChangeTime: z.string().min(1),
  Trigger: z.object({ MetricName: z.string().optional() }).optional(),
});
export type AlarmNotification = z.infer<typeof AlarmNotification>;

const reasonOf = (metric: string | undefined) =>
  metric === 'Reputation.BounceRate' ? 'ses-bounce-rate' : metric === 'Reputation.ComplaintRate' ? 'ses-complaint-rate' : 'ses-reputation';

/**
 * An SES reputation alarm going to ALARM pauses promotional email until someone resumes it
 * (`npm run resume`): the alarm returning to OK does not resume by itself, because the rate falls
 * only as more mail goes out, and sending promotions to find out is what put the account at risk.
 * Service email keeps going: a recall or a warranty notice must still reach the customer.
 */
export async function applyReputationAlarm(alarm: AlarmNotification, pauses: Pick<SendingPauses, 'pause'>): Promise<'paused' | 'already-paused' | 'ignored'> {
  if (alarm.NewStateValue !== 'ALARM') return 'ignored';
  const at = new Date(alarm.StateChangeTime);
  const paused = await pauses.pause({
    channel: 'email',
    category: 'promotional',
    reason: reasonOf(alarm.Trigger?.MetricName),
    source: `alarm:${alarm.AlarmName}`,
    at: (Number.isNaN(at.getTime()) ? new Date() : at).toISOString(),
  });
  return paused ? 'paused' : 'already-paused';
}
