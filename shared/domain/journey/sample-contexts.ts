import type { Locale } from '../customer';
import type { MessageContext } from '../personalisation';
import { allSampleFacts, sampleCasesFor } from '../triggers/registry';
import type { JourneyTrigger } from './schema';

export interface SampleContext {
  /** Says which case failed, e.g. "a birthday customer without a vehicle". */
  label: string;
  context: MessageContext;
}

const dealer = { name: 'Sample Motors', phone: '+61 2 9000 0000', email: 'dealer@example.com' };
const customer = { firstName: 'Sam', lastName: 'Sample', greetingName: 'Sam', interests: ['golf', 'family'] };
const vehicle = { brand: 'Sample', model: 'Tourer', fuel: 'ev' as const };

/**
 * Every variable a template can read, each with a value: the shape unknown variables are
 * checked against at load.
 */
export const fullSampleContext: MessageContext = {
  locale: 'en',
  customer,
  age: 46,
  dealer,
  sender: dealer,
  vehicle,
  occurrence: { ...allSampleFacts, date: '2026-03-14' },
  unsubscribeUrl: 'https://api.example.com/unsubscribe/u1.sample.token',
};

/**
 * The message contexts a template sent by a journey with this trigger can meet, one per branch
 * a template may take on them (with and without a car), as the trigger's kind lists them: each template is rendered against all
 * of them at load, so a template that would fail for some customers fails before any is sent.
 */
export function sampleContextsFor(trigger: JourneyTrigger, locale: Locale): SampleContext[] {
  // Each kind adds its own facts to a context that has none: a template reading another kind's
  // fact fails for the journeys that cannot supply it.
  const base: MessageContext = { ...fullSampleContext, locale, occurrence: { date: fullSampleContext.occurrence.date } };
  return sampleCasesFor(trigger, base);
}
