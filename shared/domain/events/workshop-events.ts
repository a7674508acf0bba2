import * as z from 'zod';
import { CalendarDateString } from '../dates';
import { WorkTag } from '../service-history';
import { Vin } from '../vehicle/vehicle';
import { CustomerId, Reference } from './fields';

/**
 * `service.completed` v1: a closed repair order, applied as a service visit. A later event with
 * the same `repairOrder` corrects it (the newer `occurredAt` wins).
 */
export const ServiceCompletedV1 = z
  .strictObject({
    customerId: CustomerId,
    repairOrder: Reference,
    dealerId: z.string().min(1).meta({ description: 'The workshop that did the work.' }),
    closedOn: CalendarDateString.meta({ description: 'The day the car was handed back.' }),
    vin: Vin.optional(),
    odometerKm: z.number().finite().nonnegative().optional(),
    work: z.array(WorkTag).max(50).default([]),
  })
  .meta({ description: 'A repair order closed.' });
export type ServiceCompletedV1 = z.infer<typeof ServiceCompletedV1>;

/** `survey.submitted` v1: a satisfaction survey answer (the low-score follow-up reads it). */
export const SurveySubmittedV1 = z
  .strictObject({
    customerId: CustomerId,
    surveyId: Reference,
    score: z.int().min(0).max(10),
    comment: z.string().max(2000).optional(),
    repairOrder: Reference.optional(),
  })
  .meta({ description: 'A satisfaction survey answered (score 0-10).' });
export type SurveySubmittedV1 = z.infer<typeof SurveySubmittedV1>;
