import { z } from 'zod';
import { addDays } from '../dates';
import { DEFAULT_FESTIVALS, FestivalCalendar, FestivalDefinition, FestivalName } from '../calendar/festivals';
import { lunarJavascriptCalendar } from '../calendar/lunar-javascript-calendar';
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
const festivals = new FestivalCalendar(lunarJavascriptCalendar);

const definitionOf = (trigger: FestivalTrigger): FestivalDefinition =>
  typeof trigger.festival === 'string' ? DEFAULT_FESTIVALS[trigger.festival] : trigger.festival;

/** Each festival once (the key is the festival's own date, as a lunar festival can fall twice in a Gregorian year). */
export const festivalKind: TriggerKind<FestivalTrigger> = {
  type: 'festival',
  schema: FestivalTrigger,
  nextOccurrence(trigger, _facts, onOrAfter) {
    const festivalDate = festivals.nextOnOrAfter(definitionOf(trigger), addDays(onOrAfter, trigger.daysBefore));
    return { date: addDays(festivalDate, -trigger.daysBefore), key: festivalDate, facts: { festivalDate } };
  },
  sampleFacts: { festivalDate: '2026-02-17' },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...festivalKind.sampleFacts } };
    return [
      { label: 'a customer with a vehicle and a known birth date', context: base },
      { label: 'a customer without a vehicle or a birth date', context: { ...base, vehicle: null, age: null } },
    ];
  },
};
