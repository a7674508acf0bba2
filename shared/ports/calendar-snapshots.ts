import * as z from 'zod';
import { Locale } from '../domain/customer';
import { IsoDateString } from '../domain/dates';
import { SimulatedSend } from '../domain/simulated-send';

/**
 * One tenant's calendar as the calendar job computed it: the next 90 days of its customers from
 * the simulation, and what else on the console needs every customer (customers due per journey
 * in the next 30 days, sample customers for the previews).
 */
export const TenantCalendar = z.object({
  computedAt: z.iso.datetime(),
  from: IsoDateString,
  to: IsoDateString,
  /** Every simulated send of the tenant's customers in the period, any outcome. */
  sends: z.array(SimulatedSend),
  /** Per journey: the tenant's customers for whom a step falls due in the next 30 days. */
  dueAhead: z.record(z.string(), z.number().int()),
  /** Per journey and locale: ids of some of the tenant's customers in its audience, tried in order for a preview. */
  samples: z.record(z.string(), z.partialRecord(Locale, z.array(z.string()))),
});
export type TenantCalendar = z.infer<typeof TenantCalendar>;

/** Where the calendar job leaves each tenant's calendar and the console reads it (S3 in AWS, a folder locally). */
export interface CalendarSnapshots {
  save(tenantId: string, calendar: TenantCalendar): Promise<void>;
  /** Undefined when the job has not computed this tenant's calendar (yet). */
  load(tenantId: string): Promise<TenantCalendar | undefined>;
}

/** The object name of a tenant's calendar: the tenant id is `dealer:<id>` or `brand:<id>`, made safe for file and key names. */
export const calendarObjectName = (tenantId: string): string => `calendar/${encodeURIComponent(tenantId)}.json`;
