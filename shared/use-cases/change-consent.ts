import { createHash } from 'node:crypto';
import * as z from 'zod';
import { ConsentChannel } from '../domain/customer';
import { ConsentChangedV1 } from '../domain/events/customer-events';
import { Instant } from '../domain/events/fields';
import type { Tenant } from '../domain/tenant';
import type { CustomerEventStore } from '../ports/events';
import { getCustomer } from './get-customer';
import { receiveEvents, type EventResult, type ReceiveEventsDeps } from './receive-events';

/** One channel's consent as `PUT /v1/customers/{id}/consent` takes it: granted or not, where, when. */
const ConsentChange = z
  .strictObject({
    granted: ConsentChangedV1.shape.granted,
    source: ConsentChangedV1.shape.source,
    at: Instant.meta({ description: 'When it was given or withdrawn (ISO-8601 with offset): an older one never overwrites a newer one.' }),
  })
  .meta({ id: 'ConsentChange' });

/** The body of `PUT /v1/customers/{id}/consent`: one entry per channel changed, at least one. */
export const ConsentRequest = z
  .strictObject(Object.fromEntries(ConsentChannel.options.map((channel) => [channel, ConsentChange.optional()])) as Record<ConsentChannel, z.ZodOptional<typeof ConsentChange>>)
  .refine((body) => Object.values(body).some((change) => change !== undefined), { message: 'expected at least one channel (email, sms, print)' });
export type ConsentRequest = z.infer<typeof ConsentRequest>;

export interface ConsentAnswer {
  customerId: string;
  /** Per channel given: `accepted`, or `duplicate` for the same change sent before. */
  channels: { channel: ConsentChannel; status: EventResult['status'] }[];
}

/**
 * `PUT /v1/customers/{id}/consent`: each channel becomes a `consent.changed` event, received as
 * `POST /v1/events` receives one (intake record, events queue). So one rule decides both paths
 * (the newer `at` wins, per channel, whatever the arrival order), one writer per customer (the
 * queue's message group) changes their items, and the consumer files their due dates after. The
 * event id is a digest of the change: the same request again is a duplicate, not a second event.
 *
 * @returns undefined when the tenant does not reach the customer (the same for an unknown one).
 */
export async function changeConsent(
  customerId: string,
  request: ConsentRequest,
  tenant: Tenant,
  now: Date,
  deps: ReceiveEventsDeps & { store: CustomerEventStore },
): Promise<ConsentAnswer | undefined> {
  if (!(await getCustomer(customerId, tenant, deps))) return undefined;
  const changes = ConsentChannel.options.flatMap((channel) => {
    const change = request[channel];
    return change ? [{ channel, change }] : [];
  });
  const events = changes.map(({ channel, change }) => {
    const digest = createHash('sha256').update(JSON.stringify([customerId, channel, change.granted, change.source, change.at])).digest('base64url').slice(0, 32);
    return { id: `api-consent-${channel}-${digest}`, type: 'consent.changed', occurredAt: change.at, data: { customerId, channel, granted: change.granted, source: change.source } };
  });
  const results = await receiveEvents({ events }, tenant, now, deps);
  return { customerId, channels: changes.map(({ channel }, index) => ({ channel, status: results[index]!.status })) };
}
