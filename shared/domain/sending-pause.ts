import * as z from 'zod';
import { ConsentChannel } from './customer';
import { JourneyCategory } from './journey/category';

/**
 * A switch that stops one channel's messages of one category for everyone (promotional email
 * while SES reputation is at risk) until someone resumes it.
 */
export const SendingPause = z.object({
  channel: ConsentChannel,
  category: JourneyCategory,
  /** Why (`ses-bounce-rate`, `manual`), shown in the history of every send it stops. */
  reason: z.string().min(1),
  /** Who or what paused it (`alarm:<name>`, `npm run pause`). */
  source: z.string().min(1),
  at: z.iso.datetime({ offset: true }),
});
export type SendingPause = z.infer<typeof SendingPause>;
