import * as z from 'zod';
import { Channel } from './customer';
import { JourneyCategory } from './journey/category';

/**
 * What a simulated send ended as by the end of the simulated period: `sent` (a task counts as
 * sent once created), or held back by a dispatch policy with its reason. `deferred` is a send
 * still waiting (quiet hours) when the period ended; `failed` a send that could never go (a bad
 * template or address), with the reason.
 */
export const SimulatedOutcome = z.enum(['sent', 'skipped', 'frequency-capped', 'deferred', 'failed']);
export type SimulatedOutcome = z.infer<typeof SimulatedOutcome>;

/**
 * One line of `simulate`'s `sends.jsonl`: one send or task of one occurrence, as production
 * would have handled it. Times are the customer's own (`localDate`, `localTime`) and UTC.
 * The report, the console's calendar and the comparison with a baseline all read this.
 */
export const SimulatedSend = z
  .object({
    customerId: z.string(),
    dealerId: z.string(),
    journeyId: z.string(),
    messageId: z.string(),
    channel: Channel,
    category: JourneyCategory,
    /** The occurrence key: what "once" means for the journey (a year, a vehicle and an interval). */
    occurrence: z.string(),
    localDate: z.iso.date(),
    localTime: z.string().regex(/^\d{2}:\d{2}$/),
    utc: z.iso.datetime(),
    outcome: SimulatedOutcome,
    /** Why a send did not go (`skipped`, `frequency-capped`, `deferred`, `failed`). */
    reason: z.string().optional(),
  })
  .strict();
export type SimulatedSend = z.infer<typeof SimulatedSend>;
