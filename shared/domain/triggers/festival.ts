import * as z from 'zod';
import { addDays } from '../dates';
import { DEFAULT_FESTIVALS, FestivalCalendar, FestivalDefinition, FestivalName } from '../calendar/festivals';
import type { LunarCalendar } from '../calendar/lunar-calendar';
import { sendAt } from './fields';
import type { TriggerKind } from './kind';

/**
 * A festival, by name (`mid-autumn`) or as a definition (`{ kind: lunar, month: 9, day: 9 }`),
 * optionally some days ahead ("home safely" checks before the Spring Festival trip).
 */
export const FestivalTrigger = z.strictObject({
  type: z.literal('festival'),
  sendAt,
  festival: z.union([FestivalName, FestivalDefinition]),
  daysBefore: z.number().int().min(0).max(60).default(0),
});
export type FestivalTrigger = z.infer<typeof FestivalTrigger>;

// Lunar conversions are cached per festival and year, for the life of the process.
let festivals: FestivalCalendar | undefined;

/**
 * Sets the lunar calendar festival dates are computed with, once at start-up: in a function the
 * table compiled with the journeys (the lunar library alone is larger than the evaluation's whole
 * bundle budget), in tools and tests the library itself.
 */
export function useLunarCalendar(calendar: LunarCalendar): void {
  festivals = new FestivalCalendar(calendar);
}

function festivalCalendar(): FestivalCalendar {
  if (!festivals) throw new Error('No lunar calendar set: call useLunarCalendar at start-up before planning festivals');
  return festivals;
}

const definitionOf = (trigger: FestivalTrigger): FestivalDefinition =>
  typeof trigger.festival === 'string' ? DEFAULT_FESTIVALS[trigger.festival] : trigger.festival;

/** Each festival once (the key is the festival's own date, as a lunar festival can fall twice in a Gregorian year). */
export const festivalKind: TriggerKind<FestivalTrigger> = {
  type: 'festival',
  schema: FestivalTrigger,
  fixedDates: true,
  nextOccurrence(trigger, _facts, onOrAfter) {
    const festivalDate = festivalCalendar().nextOnOrAfter(definitionOf(trigger), addDays(onOrAfter, trigger.daysBefore));
    return { date: addDays(festivalDate, -trigger.daysBefore), key: festivalDate, facts: { festivalDate } };
  },
  // A festival falls on the same day for everyone.
  sharedBy: () => '',
  sampleFacts: { festivalDate: '2026-02-17' },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...festivalKind.sampleFacts } };
    return [
      { label: 'a customer with a vehicle and a known birth date', context: base },
      { label: 'a customer without a vehicle or a birth date', context: { ...base, vehicle: null, age: null } },
    ];
  },
};
