import * as z from 'zod';
import { CalendarDateString } from '../dates';
import { ComplaintReference } from '../service-history';
import { CustomerId, Reference } from './fields';

/** `complaint.opened` v1. */
export const ComplaintOpenedV1 = z
  .strictObject({ customerId: CustomerId, reference: ComplaintReference, openedOn: CalendarDateString })
  .meta({ description: 'A complaint opened.' });
export type ComplaintOpenedV1 = z.infer<typeof ComplaintOpenedV1>;

/** `complaint.closed` v1: applied once the complaint is known (an earlier `complaint.opened`). */
export const ComplaintClosedV1 = z
  .strictObject({ customerId: CustomerId, reference: ComplaintReference, closedOn: CalendarDateString })
  .meta({ description: 'A complaint closed.' });
export type ComplaintClosedV1 = z.infer<typeof ComplaintClosedV1>;

/** `referral.recorded` v1: the customer referred someone (the referral thanks read it). */
export const ReferralRecordedV1 = z
  .strictObject({
    customerId: CustomerId.meta({ description: 'The customer who referred.' }),
    referralId: Reference,
    referredCustomerId: CustomerId.optional().meta({ description: 'The referred person, once a customer.' }),
  })
  .meta({ description: 'A referral recorded.' });
export type ReferralRecordedV1 = z.infer<typeof ReferralRecordedV1>;
