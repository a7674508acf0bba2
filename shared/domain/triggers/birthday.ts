import * as z from 'zod';
import { parseIsoDate } from '../dates';
import { birthdayInYear, isBirthdayOn, LeapDayRule } from '../journey/birthday';
import { sendAt } from './fields';
import type { TriggerKind } from './kind';

/** Fires once a year on the customer's birthday, in the customer's own time zone. */
export const BirthdayTrigger = z.strictObject({
  type: z.literal('birthday'),
  /** Local time (on the hour) from which the greeting may go out on the day. */
  sendAt,
  /** Where a 29 February birthday is celebrated in other years. */
  leapDay: z.enum(LeapDayRule).default('feb28'),
});
export type BirthdayTrigger = z.infer<typeof BirthdayTrigger>;

/** The birthday: once a year (the key is the year), found through the birthday month-day index. */
export const birthdayKind: TriggerKind<BirthdayTrigger> = {
  type: 'birthday',
  schema: BirthdayTrigger,
  fixedDates: true,
  nextOccurrence(trigger, { customer }, onOrAfter) {
    if (customer.birthDate === undefined) return undefined;
    const year = parseIsoDate(onOrAfter).year;
    let date = birthdayInYear(customer.birthDate, year, trigger.leapDay);
    if (date < onOrAfter) date = birthdayInYear(customer.birthDate, year + 1, trigger.leapDay);
    // The age is in every message context already (`age`); the birthday adds nothing else.
    return { date, key: date.slice(0, 4), facts: {} };
  },
  // The planner asks this for every candidate on every tick: one date computed, not two.
  occurrencesOn(trigger, { customer }, date) {
    if (customer.birthDate === undefined) return [];
    return isBirthdayOn(customer.birthDate, date, trigger.leapDay) ? [{ date, key: date.slice(0, 4), facts: {} }] : [];
  },
  sampleFacts: {},
  sampleCases(_trigger, full) {
    // The birthday is what selected the customer, so the age is always known.
    const base = { ...full, age: 46 };
    return [
      { label: 'a birthday customer with a vehicle', context: base },
      { label: 'a birthday customer without a vehicle', context: { ...base, vehicle: null } },
    ];
  },
};
