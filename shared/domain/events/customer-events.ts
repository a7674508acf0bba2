import * as z from 'zod';
import { ConsentChannel, Customer } from '../customer';
import { CustomerId } from './fields';

/**
 * `customer.upserted` v1: the whole profile as the sender knows it now (not the cars, visits or
 * complaints: those have events of their own). A newer upsert replaces the profile; consent per
 * channel is kept by its own `at`, so an older profile cannot bring back a withdrawn consent.
 */
export const CustomerUpsertedV1 = Customer.omit({ id: true })
  .extend({ customerId: CustomerId })
  .strict()
  .meta({ description: 'The profile of a customer, created or replaced.' });
export type CustomerUpsertedV1 = z.infer<typeof CustomerUpsertedV1>;

/** `consent.changed` v1: one channel granted or withdrawn, at the event's `occurredAt`. */
export const ConsentChangedV1 = z
  .strictObject({
    customerId: CustomerId,
    channel: ConsentChannel,
    granted: z.boolean(),
    source: z.string().min(1).max(100).meta({ description: 'Where it was given or withdrawn: "showroom-form", "unsubscribe-link".' }),
  })
  .meta({ description: 'Consent on one channel granted or withdrawn.' });
export type ConsentChangedV1 = z.infer<typeof ConsentChangedV1>;
