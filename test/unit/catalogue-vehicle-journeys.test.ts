import { beforeAll, describe, expect, it } from 'vitest';
import type { JourneyConfig } from '../../shared/config/journey-config';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { Vehicle } from '../../shared/domain/customer';
import { addDays } from '../../shared/domain/dates';
import { dispatchMessagesOf } from '../../shared/domain/dispatch-message';
import { dueEntriesFor } from '../../shared/domain/journey/due-dates';
import { planDueJourneys, type DueOccurrence } from '../../shared/domain/journey/plan';
import type { Journey } from '../../shared/domain/journey/schema';
import { buildMessageContext } from '../../shared/domain/personalisation';
import { renderTemplateText } from '../../shared/domain/render';
import type { ServiceVisit } from '../../shared/domain/service-history';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { aCustomerContext, aCustomerFacts, aVehicle, aVisit } from '../helpers/factories';
import { channelsOf, journeyIn, plannedAtNoon, shippedConfigWithEdit, shippedJourneysDir } from '../helpers/shipped-journeys';
import { demoDate } from '../../local/demo-after-sales';
import { generateDemoData } from '../../local/demo-data';
import { ticksCoveringDate } from '../../local/run-day';
import { customerFacts } from '../../shared/domain/customer-facts';

// The shipped vehicle journeys (service due, trade-in, cover expiries), loaded as `npm start` loads them.
const journeysDir = shippedJourneysDir;
let config: JourneyConfig;
beforeAll(async () => {
  config = await loadJourneyConfig(journeysDir);
});

const journey = (id: string, from: JourneyConfig = config): Journey => journeyIn(from, id);
/** What the journey plans for one Londoner at noon UTC on a date (past every sendAt). */
const planned = (id: string, facts: CustomerFacts, date: string, from: JourneyConfig = config): DueOccurrence[] =>
  plannedAtNoon([journey(id, from)], facts, date);
const datesDue = (id: string, facts: CustomerFacts, dates: string[], from?: JourneyConfig) => dates.filter((date) => planned(id, facts, date, from).length > 0);
const owner = (vehicle: Partial<Vehicle>, visits: Partial<ServiceVisit>[] = []): CustomerFacts =>
  aCustomerFacts({}, [aVehicle(vehicle)], { visits: visits.map((visit) => aVisit({ odometerKm: undefined, ...visit })) });
/** Readings every 50 days from `from`, on a line of `kmPerDay` from `startKm`, up to the day before the demo date. */
const line = (from: string, kmPerDay: number, startKm = 0) => {
  const readings = [];
  for (let day = 0; addDays(from, day) < '2026-03-14'; day += 50) readings.push({ on: addDays(from, day), km: startKm + kmPerDay * day });
  return readings;
};
const plain = { escapeHtml: false };

/** The text of a journey's email or SMS as the customer reads it, in a locale. */
function textOf(due: DueOccurrence, template: string, locale: 'en' | 'zh-CN' = 'en'): string {
  const [message] = dispatchMessagesOf(due);
  const found = config.templates.get(template)!;
  if (found.channel !== 'email' && found.channel !== 'sms') throw new Error(`${template} is not an email or SMS`);
  return renderTemplateText(found.locales[locale]!.text, buildMessageContext(aCustomerContext({ locale }), message!.occurrenceDate, message!.facts), 'text', plain);
}

describe('service due', () => {
  it('reminds by SMS and email 14 days before the oil service falls due 12 months after the last one, not the day before', () => {
    const facts = owner({ deliveredOn: '2024-01-20' }, [{ on: '2025-03-28', work: ['oil-service'] }]);

    expect(datesDue('service-due', facts, ['2026-03-13', '2026-03-14', '2026-03-15', '2026-03-28'])).toEqual(['2026-03-14']);
    const [due] = planned('service-due', facts, '2026-03-14');
    expect(due).toMatchObject({ category: 'service', occurrenceKey: 'WBA11AA010CH00001#oil-service@2025-03-28', facts: { service: 'oil-service', dueReason: 'time', dueDate: '2026-03-28' } });
    expect(channelsOf([due!])).toEqual(['sms', 'email']);
    expect(textOf(due!, 'service-due-email')).toContain('due its oil service on 2026-03-28, by the time since the last one');
    expect(textOf(due!, 'service-due-sms', 'zh-CN')).toContain('到期机油保养');
  });

  it('reminds 14 days before the estimate reaches 15,000 km since the last oil service, not while it is one km short', () => {
    // The last service (oil and regular) read 5,000 km; 50 km a day since: 20,000 km on 28 March 2026, before 12 months.
    const readings = line('2025-06-01', 50, 5_000);
    const due = owner({ deliveredOn: '2024-06-01', odometerReadings: readings }, [{ on: '2025-06-01', work: ['oil-service', 'regular-service'] }]);
    const oneKmShort = owner({ deliveredOn: '2024-06-01', odometerReadings: readings }, [{ on: '2025-06-01', work: ['oil-service', 'regular-service'], odometerKm: 5_001 }]);

    expect(datesDue('service-due', due, ['2026-03-13', '2026-03-14'])).toEqual(['2026-03-14']);
    expect(planned('service-due', due, '2026-03-14')[0]?.facts).toMatchObject({ dueReason: 'mileage', dueDate: '2026-03-28', estimatedKm: 19_300 });
    expect(datesDue('service-due', oneKmShort, ['2026-03-14', '2026-03-15'])).toEqual(['2026-03-15']);
  });

  it('keeps the day when one reading is a typo, and lets time alone decide with a single reading', () => {
    const typo = [...line('2025-06-01', 50, 5_000), { on: '2025-09-01', km: 129_000 }];
    const oneReading = owner({ deliveredOn: '2024-06-01', odometerReadings: [{ on: '2026-01-01', km: 19_000 }] }, [{ on: '2025-06-01', work: ['oil-service', 'regular-service'] }]);

    expect(datesDue('service-due', owner({ deliveredOn: '2024-06-01', odometerReadings: typo }, [{ on: '2025-06-01', work: ['oil-service', 'regular-service'] }]), ['2026-03-14'])).toEqual(['2026-03-14']);
    // 12 months after 1 June 2025, 14 days ahead: 18 May 2026.
    expect(datesDue('service-due', oneReading, ['2026-03-14', '2026-05-17', '2026-05-18'])).toEqual(['2026-05-18']);
  });

  it('does not remind an electric car of an oil service', () => {
    expect(datesDue('service-due', owner({ deliveredOn: '2024-01-20', fuel: 'ev' }, [{ on: '2025-03-28', work: ['oil-service'] }]), ['2026-03-14'])).toEqual([]);
  });

  it('files the customer in the due index under the reminder day computed from the data, and not again for an interval handled', () => {
    const facts = owner({ deliveredOn: '2024-01-20' }, [{ on: '2025-03-28', work: ['oil-service', 'regular-service'] }]);
    const serviceDue = [journey('service-due')];

    expect(dueEntriesFor(facts, serviceDue, '2026-01-01')).toEqual([{ journeyId: 'service-due', dueDate: '2026-03-14' }]);
    // After the oil reminder, the next entry is the regular service's (24 months, 14 days ahead); the
    // next oil interval starts from the next oil service, which a written visit files anew.
    expect(dueEntriesFor(facts, serviceDue, '2026-03-15')).toEqual([{ journeyId: 'service-due', dueDate: '2027-03-14' }]);
  });

  it('sends the key-parts inspection by mileage alone, counted from delivery when never done', () => {
    // 50 km a day from delivery: 40,000 km on 28 March 2026.
    const deliveredOn = addDays('2026-03-28', -800);
    const facts = owner({ deliveredOn, odometerReadings: line(deliveredOn, 50) }, [
      { on: addDays(deliveredOn, 300), work: ['oil-service', 'regular-service'] },
      { on: addDays(deliveredOn, 600), work: ['oil-service'] },
    ]);

    expect(planned('service-due', facts, '2026-03-14')).toMatchObject([{ facts: { service: 'key-parts-inspection', dueReason: 'mileage' } }]);
  });
});

describe('trade-in invitation', () => {
  const deliveredOn = '2023-03-14';

  it('invites by email and SMS on the third anniversary of a car past 50,000 km, not the day before', () => {
    const facts = owner({ deliveredOn, odometerReadings: line(deliveredOn, 50) });

    expect(datesDue('trade-in-invitation', facts, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    const [due] = planned('trade-in-invitation', facts, '2026-03-14');
    expect(due).toMatchObject({ category: 'promotional', occurrenceKey: 'WBA11AA010CH00001', facts: { yearsOwned: 3, estimatedKm: 54_800 } });
    expect(channelsOf([due!])).toEqual(['email', 'sms']);
    expect(textOf(due!, 'trade-in-invitation-email')).toContain('for 3 years and, by our estimate, about 54800 km');
  });

  it('waits for 50,000 km when the car is three years old but short of it (a condition half true)', () => {
    const facts = owner({ deliveredOn, odometerReadings: line(deliveredOn, 40) });

    expect(datesDue('trade-in-invitation', facts, ['2026-03-14', '2026-08-14', '2026-08-15'])).toEqual(['2026-08-15']);
  });

  it('does not invite a car past 50,000 km a day before its third anniversary, nor one whose mileage is unknown', () => {
    expect(datesDue('trade-in-invitation', owner({ deliveredOn: '2023-03-15', odometerReadings: line('2023-03-15', 50) }), ['2026-03-14'])).toEqual([]);
    expect(datesDue('trade-in-invitation', owner({ deliveredOn, odometerReadings: [{ on: '2026-01-01', km: 80_000 }] }), ['2026-03-14'])).toEqual([]);
  });
});

describe('cover expiry', () => {
  it('reminds by email 30 days before a maintenance plan ends and 60 days before an extended warranty or the warranty ends', () => {
    const plan = owner({ maintenancePlan: { endsOn: '2026-04-13' } });
    const extended = owner({ extendedWarranty: { endsOn: '2026-05-13', endsAtKm: 100_000 } });
    const warranty = owner({ warrantyEndsOn: '2026-05-13' });

    expect(datesDue('maintenance-plan-expiry', plan, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(datesDue('extended-warranty-expiry', extended, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(datesDue('warranty-expiry', warranty, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(channelsOf(planned('warranty-expiry', warranty, '2026-03-14'))).toEqual(['email']);
  });

  it('reminds 30 days before roadside assistance ends, naming the end date in both languages', () => {
    const facts = owner({ roadsideAssistanceEndsOn: '2026-04-13' });

    expect(datesDue('roadside-assistance-expiry', facts, ['2026-03-13', '2026-03-14'])).toEqual(['2026-03-14']);
    const [due] = planned('roadside-assistance-expiry', facts, '2026-03-14');
    expect(textOf(due!, 'roadside-assistance-expiry-email')).toContain('ends on 2026-04-13');
    expect(textOf(due!, 'roadside-assistance-expiry-email', 'zh-CN')).toContain('将于2026-04-13到期');
  });

  it('ends a maintenance plan at its distance when the estimate gets there first, and ignores one bad reading', () => {
    // 50 km a day: 60,000 km on 13 April 2026, long before the plan's date.
    const readings = line(addDays('2026-04-13', -1_200), 50);
    const plan = { maintenancePlan: { endsOn: '2028-06-01', endsAtKm: 60_000 } };

    const [due] = planned('maintenance-plan-expiry', owner({ ...plan, odometerReadings: readings }), '2026-03-14');
    expect(due?.facts).toMatchObject({ endDate: '2026-04-13', endsBy: 'mileage', endKm: 60_000 });
    expect(textOf(due!, 'maintenance-plan-expiry-email')).toContain('the distance will come first');
    expect(datesDue('maintenance-plan-expiry', owner({ ...plan, odometerReadings: [...readings, { on: '2025-01-01', km: 6_000 }] }), ['2026-03-14'])).toEqual(['2026-03-14']);
  });

  it('does not remind about a cover the car does not have', () => {
    expect(datesDue('extended-warranty-expiry', owner({ warrantyEndsOn: '2026-05-13' }), ['2026-03-14'])).toEqual([]);
  });
});

describe('changing a vehicle journey in YAML', () => {
  const edited = shippedConfigWithEdit;

  it('moves the oil service reminder when its interval changes in the YAML text, with no code change', async () => {
    const facts = owner({ deliveredOn: '2024-01-20' }, [{ on: '2025-03-28', work: ['oil-service'] }]);
    const sixMonths = await edited('service-due.yaml', '{ work: oil-service, km: 15000, months: 12, exceptFuel: [ev] }', '{ work: oil-service, km: 15000, months: 6, exceptFuel: [ev] }');

    expect(datesDue('service-due', facts, ['2025-09-14', '2026-03-14'], sixMonths)).toEqual(['2025-09-14']);
  });

  it('invites to trade in at 40,000 km when the YAML says so', async () => {
    const facts = owner({ deliveredOn: '2023-03-14', odometerReadings: line('2023-03-14', 40) });
    const lower = await edited('trade-in-invitation.yaml', 'km: 50000', 'km: 40000');

    expect(datesDue('trade-in-invitation', facts, ['2026-03-14', '2026-08-15'], lower)).toEqual(['2026-03-14']);
  });

  it('reminds about the warranty 30 days ahead when the YAML says so', async () => {
    const facts = owner({ warrantyEndsOn: '2026-05-13' });
    const later = await edited('warranty-expiry.yaml', 'daysBefore: 60', 'daysBefore: 30');

    expect(datesDue('warranty-expiry', facts, ['2026-03-14', '2026-04-13'], later)).toEqual(['2026-04-13']);
  });
});

describe('the demo day', () => {
  it('has customers of every dealer entering each vehicle journey on 2026-03-14, each service type among them', () => {
    const demo = generateDemoData();
    const countryOf = new Map(demo.dealers.map((dealer) => [dealer.id, dealer.address?.country]));
    const candidates = demo.customers.map((record) => customerFacts(record, countryOf.get(record.customer.dealerId)));
    const ids = ['service-due', 'trade-in-invitation', 'maintenance-plan-expiry', 'extended-warranty-expiry', 'warranty-expiry', 'roadside-assistance-expiry'];
    const journeys = ids.map((id) => journey(id));

    const due = ticksCoveringDate(demoDate).flatMap((now) => planDueJourneys({ journeys, candidates, now, onDate: demoDate }));
    const dealerOf = new Map(demo.customers.map((record) => [record.customer.id, record.customer.dealerId]));
    for (const id of ids) {
      expect(new Set(due.filter((each) => each.journeyId === id).map((each) => dealerOf.get(each.customerId))).size, id).toBe(4);
    }
    expect(new Set(due.filter((each) => each.journeyId === 'service-due').map((each) => each.facts?.service))).toEqual(new Set(['oil-service', 'regular-service', 'key-parts-inspection']));
  });
});
