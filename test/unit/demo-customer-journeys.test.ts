import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoDate, firstScenarioCustomer, scenarios } from '../../local/demo-after-sales';
import { generateDemoData } from '../../local/demo-data';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { customerFacts } from '../../shared/domain/customer-facts';
import { matchesAudience } from '../../shared/domain/journey/plan';
import { scheduledJourneys, type ScheduledJourney } from '../../shared/domain/journey/schema';
import { occurrencesOn } from '../../shared/domain/triggers/registry';

const demo = generateDemoData();
const facts = demo.customers.map((record) => customerFacts(record));
let journeys: ScheduledJourney[];
beforeAll(async () => {
  journeys = scheduledJourneys((await loadJourneyConfig(join(import.meta.dirname, '../../journeys'))).journeys);
});

/** The planted customers of the scenario whose description starts with `prefix`. */
function planted(prefix: string) {
  const s = scenarios.findIndex((scenario) => scenario.for.startsWith(prefix));
  if (s < 0) throw new Error(`no scenario "${prefix}"`);
  return facts.slice(firstScenarioCustomer + 4 * s, firstScenarioCustomer + 4 * s + 4);
}

const dueOnDemoDay = (journeyId: string, customer: (typeof facts)[number]) => {
  const journey = journeys.find((each) => each.id === journeyId)!;
  return matchesAudience(journey.audience, customer) && occurrencesOn(journey.trigger, customer, demoDate).length > 0;
};

describe('demo data on the demo date: the customer-lifecycle journeys', () => {
  it('has a dormant customer of every dealer due for the win-back', () => {
    const dormant = planted('dormant win-back');

    expect(dormant.filter((customer) => dueOnDemoDay('dormant-win-back', customer)).map((customer) => customer.customer.dealerId).sort()).toEqual(
      ['dealer-akl', 'dealer-la', 'dealer-sh', 'dealer-syd'],
    );
  });

  it('has a customer of every dealer at churn risk, with an open complaint', () => {
    const atRisk = planted('churn risk');

    expect(atRisk.filter((customer) => dueOnDemoDay('churn-risk', customer)).map((customer) => customer.customer.dealerId).sort()).toEqual(
      ['dealer-akl', 'dealer-la', 'dealer-sh', 'dealer-syd'],
    );
  });
});
