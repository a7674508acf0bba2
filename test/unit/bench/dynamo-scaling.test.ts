import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoDataItems, scaledDemoData } from '../../../bench/dynamo-scaling';
import { itemKind } from '../../../bench/item-bytes';
import { loadJourneyConfig } from '../../../shared/config/load-journeys';
import { customerFacts } from '../../../shared/domain/customer-facts';
import { addDays } from '../../../shared/domain/dates';
import { nextDueDate } from '../../../shared/domain/journey/due-dates';

const date = '2026-03-14';

describe('section 5 of the bench: more customers, none more due', () => {
  it('seeds whole records, and the customers beyond the base set are due nothing around the day, visits and complaints counted', async () => {
    const { journeys } = await loadJourneyConfig(fileURLToPath(new URL('../../../journeys', import.meta.url)));

    const data = scaledDemoData(100, 600, date, journeys);
    const kinds = new Set(demoDataItems(data).map(itemKind));

    expect([...kinds]).toEqual(expect.arrayContaining(['profile', 'vehicle', 'visit', 'complaint', 'brand', 'dealer']));
    const countries = new Map(data.dealers.map((dealer) => [dealer.id, dealer.address.country]));
    const dueAround = data.customers.slice(100).filter((record) => {
      const next = nextDueDate(customerFacts(record, countries.get(record.customer.dealerId)), journeys, addDays(date, -2));
      return next !== undefined && next <= addDays(date, 1);
    });
    expect(dueAround).toEqual([]);
    expect(data.customers.slice(100).some((record) => record.visits.length > 0 && record.complaints.length > 0)).toBe(true);
  });
});
