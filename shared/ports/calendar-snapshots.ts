import * as z from 'zod';
import { Locale } from '../domain/customer';
import { IsoDateString } from '../domain/dates';
import { Channel } from '../domain/customer';
import { SimulatedSend } from '../domain/simulated-send';

/** One slice of the customers (`index` of `of`): the calendar job runs one shard per invocation. */
export const CalendarShard = z.object({ index: z.number().int().min(0), of: z.number().int().min(1) }).refine((shard) => shard.index < shard.of, { message: 'index must be below of' });
export type CalendarShard = z.infer<typeof CalendarShard>;

const ChannelCounts = z.partialRecord(Channel, z.number().int());
/** One day of the calendar: sends that would go out, by channel and by journey and channel. */
export const CalendarDay = z.object({ date: IsoDateString, total: z.number().int(), channels: ChannelCounts, journeys: z.record(z.string(), ChannelCounts) });
export type CalendarDay = z.infer<typeof CalendarDay>;

/**
 * One tenant's calendar as one shard of the calendar job computed it, for the tenant's customers
 * in that shard: the next 90 days from the simulation, and what else on the console needs every
 * customer (customers due per journey in the next 30 days, sample customers for the previews).
 */
export const TenantCalendar = z.object({
  computedAt: z.iso.datetime(),
  from: IsoDateString,
  to: IsoDateString,
  shard: CalendarShard,
  /** Per day, the sends that would go out (`sent` in the simulation). */
  days: z.array(CalendarDay),
  /** Per day, the first `listedPerDay` simulated sends in time order, any outcome: what a day's list shows. */
  sends: z.array(SimulatedSend),
  /** Per day with more sends (any outcome) than the list holds, how many it leaves out. Calendars written before it have none. */
  unlisted: z.record(IsoDateString, z.number().int().positive()).default({}),
  /** Per journey: the tenant's customers for whom a step falls due in the next 30 days. */
  dueAhead: z.record(z.string(), z.number().int()),
  /** Per journey and locale: ids of some of the tenant's customers in its audience, tried in order for a preview. */
  samples: z.record(z.string(), z.partialRecord(Locale, z.array(z.string()))),
});
export type TenantCalendar = z.infer<typeof TenantCalendar>;

/**
 * Where the calendar job leaves the calendars and the console reads them (S3 in AWS, a folder
 * locally): one object per shard holding every tenant's calendar of that shard (a run writes a
 * few objects, not one per tenant and shard), from which a reader fetches only its tenant's part.
 */
export interface CalendarSnapshots {
  /** Replaces the shard's object with these calendars, by tenant id (each calendar's `shard` is `shard`). */
  save(shard: CalendarShard, calendars: ReadonlyMap<string, TenantCalendar>): Promise<void>;
  /** The tenant's calendar from every shard object that holds one; none before the job's first run for it. Never another tenant's. */
  load(tenantId: string): Promise<TenantCalendar[]>;
}

/** The folder (key prefix) of the shard objects. */
export const calendarFolderName = 'calendar/shards/';
/** The object name of one shard's calendars. */
export const calendarObjectName = (shard: CalendarShard): string => `${calendarFolderName}${shard.index}-of-${shard.of}`;
