import * as z from 'zod';
import type { EventTriggerKind } from './event-kind';
import { hoursAfter, utcInstant } from './event-kind';

/** A repair order closed (`service.completed`): steps go out hours after the event (`offsetHours`). */
export const ServiceCompletedTrigger = z.strictObject({
  type: z.literal('service-completed'),
  /**
   * A step is still sent this many hours after the event when the event arrives late (or its
   * time passed); later it is dropped: a survey about a visit long ago is noise.
   */
  sendWithinHours: z.number().int().min(1).max(720).default(24),
});
export type ServiceCompletedTrigger = z.infer<typeof ServiceCompletedTrigger>;

/** The instant in an event version (`<UTC instant>#<event id>`). */
const instantOf = (version: string) => version.slice(0, version.indexOf('#'));

/**
 * Once per repair order (the key). It counts from the event that last set the visit, so a
 * correction of the repair order does not start a second survey, and the order events arrive in
 * does not change when it goes out. Its date is the day the car was handed back.
 */
export const serviceCompletedKind: EventTriggerKind<ServiceCompletedTrigger, 'service.completed'> = {
  type: 'service-completed',
  schema: ServiceCompletedTrigger,
  startedBy: ['service.completed'],
  holdReason: 'after-service',
  occurrences(trigger, { event, versions }) {
    const { repairOrder } = event.data;
    const applied = versions.visits[repairOrder];
    if (!applied) return [];
    const at = utcInstant(instantOf(applied.version));
    return [
      {
        key: repairOrder,
        at,
        date: applied.visit.on,
        facts: { repairOrder, serviceDate: applied.visit.on },
        sendLateUntil: hoursAfter(at, trigger.sendWithinHours),
      },
    ];
  },
  sampleFacts: { repairOrder: 'RO-1001', serviceDate: '2026-03-14' },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...serviceCompletedKind.sampleFacts } };
    return [
      { label: 'a serviced customer with a vehicle', context: base },
      { label: 'a serviced customer without a vehicle on file', context: { ...base, vehicle: null, age: null } },
    ];
  },
};
