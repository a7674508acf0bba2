import * as z from 'zod';
import { DEFAULT_SEASONS, nextSeasonStart, SeasonDefinition, SeasonName } from '../calendar/seasons';
import type { TriggerKind } from './kind';
import { sendAt } from './fields';

/** A seasonal check, by name (`winter-check`) or as start dates per hemisphere. */
export const SeasonTrigger = z.strictObject({
  type: z.literal('season'),
  sendAt,
  season: z.union([SeasonName, SeasonDefinition]),
});
export type SeasonTrigger = z.infer<typeof SeasonTrigger>;

/** Once a year (the key is the year), on the season's start in the customer's hemisphere. */
export const seasonKind: TriggerKind<SeasonTrigger> = {
  type: 'season',
  schema: SeasonTrigger,
  fixedDates: true,
  // The hemisphere comes from the customer's region, address or dealer (see `customerFacts`):
  // without any, a seasonal message would as likely come in the wrong season.
  nextOccurrence(trigger, { hemisphere }, onOrAfter) {
    if (hemisphere === undefined) return undefined;
    const definition = typeof trigger.season === 'string' ? DEFAULT_SEASONS[trigger.season] : trigger.season;
    const date = nextSeasonStart(definition, hemisphere, onOrAfter);
    return { date, key: date.slice(0, 4), facts: { hemisphere } };
  },
  sharedBy: (_trigger, { hemisphere }) => hemisphere ?? 'unknown',
  sampleFacts: { hemisphere: 'north' },
  sampleCases(_trigger, full) {
    const base = { ...full, occurrence: { ...full.occurrence, ...seasonKind.sampleFacts } };
    return [
      { label: 'a customer with a vehicle and a known birth date', context: base },
      { label: 'a customer without a vehicle or a birth date', context: { ...base, vehicle: null, age: null } },
    ];
  },
};
