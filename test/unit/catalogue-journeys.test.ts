import { beforeAll, describe, expect, it } from 'vitest';
import type { JourneyConfig } from '../../shared/config/journey-config';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { Customer, Vehicle } from '../../shared/domain/customer';
import { dispatchMessagesOf } from '../../shared/domain/dispatch-message';
import type { DueOccurrence } from '../../shared/domain/journey/plan';
import type { Journey } from '../../shared/domain/journey/schema';
import { buildMessageContext } from '../../shared/domain/personalisation';
import { renderTemplateText } from '../../shared/domain/render';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { aBrand, aCustomerContext, aVehicle, aCustomerFacts } from '../helpers/factories';
import { channelsOf, journeyIn, plannedAtNoon, shippedConfigWithEdit, shippedJourneysDir } from '../helpers/shipped-journeys';

// The shipped journeys, loaded as `npm start` loads them: a test here fails when a journey's YAML
// stops doing what the catalogue asks of it.
const journeysDir = shippedJourneysDir;
let config: JourneyConfig;
beforeAll(async () => {
  config = await loadJourneyConfig(journeysDir);
});

const journey = (id: string): Journey => journeyIn(config, id);

/** What the journey plans for one customer at noon UTC on a date (noon in London, past every sendAt). */
const planned = (id: string, facts: CustomerFacts, date: string, journeys = [journey(id)]): DueOccurrence[] =>
  plannedAtNoon(journeys, facts, date);
const isDue = (id: string, facts: CustomerFacts, date: string) => planned(id, facts, date).length > 0;
const datesDue = (id: string, facts: CustomerFacts, dates: string[]) => dates.filter((date) => isDue(id, facts, date));

const londoner = (vehicles: Vehicle[] = [], customer: Partial<Customer> = {}): CustomerFacts => aCustomerFacts(customer, vehicles);
const sydneysider = (vehicles: Vehicle[] = []): CustomerFacts =>
  londoner(vehicles, {
    timeZone: 'Australia/Sydney',
    postalAddress: { lines: ['1 George St'], postcode: '2000', city: 'Sydney', country: 'AU' },
  });
const deliveredOn = (date: string, vehicle: Partial<Vehicle> = {}) => londoner([aVehicle({ deliveredOn: date, ...vehicle })]);
const plain = { escapeHtml: false };

describe('the shipped journeys', () => {
  it('are the catalogue journeys whose trigger kinds exist, each with a category and (scheduled ones) a whole-hour send time', () => {
    expect(config.journeys.map((each) => each.id).sort()).toEqual([
      'birthday', 'car-anniversary', 'ev-battery-check', 'extended-warranty-expiry', 'first-free-check', 'maintenance-plan-expiry', 'mid-autumn', 'national-day',
      'post-delivery-call', 'roadside-assistance-expiry', 'service-due', 'spring-festival', 'spring-refresh', 'summer-cooling', 'trade-in-invitation',
      'warranty-expiry', 'welcome-pack', 'winter-check',
      'childrens-day', 'churn-risk', 'dormant-win-back', 'loyalty-review', 'womens-day',
      'appointment-reminders', 'service-survey', 'low-score-follow-up', 'referral-thanks',
    ].sort());
    for (const each of config.journeys) {
      expect(each.enabled).toBe(true);
      if ('sendAt' in each.trigger) expect(each.trigger.sendAt).toMatch(/^\d\d:00$/);
      for (const step of each.steps) expect(Object.keys(config.templates.get(step.template)!.locales).sort()).toEqual(['en', 'zh-CN']);
    }
  });

  it('reach owners, not prospects', () => {
    const prospect = londoner([aVehicle({ deliveredOn: '2026-02-12' })], { stage: 'prospect' });

    expect(isDue('welcome-pack', deliveredOn('2026-02-12'), '2026-03-14')).toBe(true);
    expect(isDue('welcome-pack', prospect, '2026-03-14')).toBe(false);
  });
});

describe('welcome pack', () => {
  it('goes out as a printed letter and an email 30 days after delivery, once per car, and not the day before', () => {
    const owner = deliveredOn('2026-02-12');

    expect(datesDue('welcome-pack', owner, ['2026-03-13', '2026-03-14', '2026-03-15', '2027-03-14'])).toEqual(['2026-03-14']);
    expect(planned('welcome-pack', owner, '2026-03-14')).toMatchObject([
      { occurrenceKey: 'WBA11AA010CH00001', category: 'service', facts: { brand: 'BMW', model: 'X5' }, messages: [{ channel: 'print' }, { channel: 'email' }] },
    ]);
  });

  it("signs as the brand's customer centre, in both languages", () => {
    const [due] = planned('welcome-pack', deliveredOn('2026-02-12'), '2026-03-14');
    const message = dispatchMessagesOf(due!).find((queued) => queued.channel === 'email');
    const template = config.templates.get('welcome-pack-email')!;
    if (template.channel !== 'email') throw new Error('expected an email template');

    const centre = aBrand({ name: 'BMW Customer Centre' });
    const en = buildMessageContext(aCustomerContext(), message!.occurrenceDate, message!.facts, centre);
    const zh = buildMessageContext(aCustomerContext({ locale: 'zh-CN' }), message!.occurrenceDate, message!.facts, { ...centre, name: 'BMW 中国客户中心' });
    expect(config.journeys.find((journey) => journey.id === 'welcome-pack')?.sender).toBe('brand');
    expect(renderTemplateText(template.locales.en!.text, en, 'text', plain)).toContain(`Warm regards,\nBMW Customer Centre\n${centre.phone}`);
    expect(renderTemplateText(template.locales['zh-CN']!.text, zh, 'text', plain)).toContain('BMW 中国客户中心 敬上');
  });
});

describe('post-delivery call', () => {
  it('is a task 15 days after delivery, not the day before', () => {
    const owner = deliveredOn('2026-02-27');

    expect(datesDue('post-delivery-call', owner, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(channelsOf(planned('post-delivery-call', owner, '2026-03-14'))).toEqual(['task']);
  });
});

describe('first free check', () => {
  it('invites by SMS and email 3 months after delivery, as a service message, not the day before', () => {
    const owner = deliveredOn('2025-12-14');

    expect(datesDue('first-free-check', owner, ['2026-03-13', '2026-03-14', '2026-03-15'])).toEqual(['2026-03-14']);
    expect(planned('first-free-check', owner, '2026-03-14')).toMatchObject([{ category: 'service' }]);
    expect(channelsOf(planned('first-free-check', owner, '2026-03-14'))).toEqual(['sms', 'email']);
  });

  it('waits for a car delivered a day later', () => {
    expect(isDue('first-free-check', deliveredOn('2025-12-15'), '2026-03-14')).toBe(false);
  });
});

describe('car-age anniversary', () => {
  it('goes out each year on the delivery date with the years of ownership, not the day before nor in the delivery year', () => {
    const owner = deliveredOn('2023-03-14');

    expect(datesDue('car-anniversary', owner, ['2023-03-14', '2026-03-13', '2026-03-14', '2027-03-14'])).toEqual(['2026-03-14', '2027-03-14']);
    expect(planned('car-anniversary', owner, '2026-03-14')).toMatchObject([{ occurrenceKey: 'WBA11AA010CH00001#3', facts: { years: 3 } }]);
    expect(channelsOf(planned('car-anniversary', owner, '2026-03-14'))).toEqual(['email', 'sms']);
  });
});

describe('EV battery check', () => {
  it('goes out yearly from delivery for electric and plug-in hybrid cars', () => {
    expect(datesDue('ev-battery-check', deliveredOn('2025-03-14', { fuel: 'ev' }), ['2026-03-13', '2026-03-14'])).toEqual(['2026-03-14']);
    expect(isDue('ev-battery-check', deliveredOn('2025-03-14', { fuel: 'phev' }), '2026-03-14')).toBe(true);
  });

  it('leaves out a diesel, a mild hybrid and a car whose fuel is not known', () => {
    expect(isDue('ev-battery-check', deliveredOn('2025-03-14', { fuel: 'diesel' }), '2026-03-14')).toBe(false);
    expect(isDue('ev-battery-check', deliveredOn('2025-03-14', { fuel: 'hybrid' }), '2026-03-14')).toBe(false);
    expect(isDue('ev-battery-check', deliveredOn('2025-03-14'), '2026-03-14')).toBe(false);
  });

  it('checks only the electric car of a customer with two', () => {
    const twoCars = londoner([
      aVehicle({ vin: 'WBA11AA010CH00002', deliveredOn: '2025-03-14', fuel: 'petrol' }),
      aVehicle({ deliveredOn: '2025-03-14', fuel: 'ev' }),
    ]);

    expect(planned('ev-battery-check', twoCars, '2026-03-14').map((due) => due.occurrenceKey)).toEqual(['WBA11AA010CH00001#1']);
  });
});

describe('seasonal checks', () => {
  it('sends the winter check on 1 November in the north and 1 June in the south, not the day before nor in the other season', () => {
    expect(datesDue('winter-check', londoner(), ['2026-06-01', '2026-10-31', '2026-11-01'])).toEqual(['2026-11-01']);
    expect(datesDue('winter-check', sydneysider(), ['2026-05-31', '2026-06-01', '2026-11-01'])).toEqual(['2026-06-01']);
  });

  it('sends the spring refresh on 1 March in the north and 1 September in the south', () => {
    expect(datesDue('spring-refresh', londoner(), ['2026-02-28', '2026-03-01', '2026-09-01'])).toEqual(['2026-03-01']);
    expect(datesDue('spring-refresh', sydneysider(), ['2026-03-01', '2026-08-31', '2026-09-01'])).toEqual(['2026-09-01']);
  });

  it('sends the summer cooling check on 1 June in the north and 1 December in the south', () => {
    expect(datesDue('summer-cooling', londoner(), ['2026-05-31', '2026-06-01', '2026-12-01'])).toEqual(['2026-06-01']);
    expect(datesDue('summer-cooling', sydneysider(), ['2026-06-01', '2026-11-30', '2026-12-01'])).toEqual(['2026-12-01']);
  });

  it('reaches a customer without a car, with the text for one', () => {
    const [due] = planned('winter-check', londoner(), '2026-11-01');
    const template = config.templates.get('winter-check-sms')!;
    if (template.channel !== 'sms') throw new Error('expected an SMS template');

    expect(due).toBeDefined();
    expect(renderTemplateText(template.locales.en!.text, buildMessageContext(aCustomerContext({}, []), due!.occurrenceDate, due!.facts), 'text', plain)).toContain('Ms Lee, winter is coming');
  });
});

describe('festivals', () => {
  it('offers the Spring Festival check 10 days ahead of the lunar new year, computed for each year', () => {
    // Spring Festival: 17 February 2026, 6 February 2027.
    expect(datesDue('spring-festival', londoner(), ['2026-02-06', '2026-02-07', '2026-02-17', '2027-01-27'])).toEqual(['2026-02-07', '2027-01-27']);
    expect(planned('spring-festival', londoner(), '2026-02-07')).toMatchObject([{ occurrenceKey: '2026-02-17', facts: { festivalDate: '2026-02-17' } }]);
  });

  it('greets on the Mid-Autumn Festival itself, not the day before', () => {
    // The 15th of the 8th lunar month: 25 September 2026, 15 September 2027.
    expect(datesDue('mid-autumn', londoner(), ['2026-09-24', '2026-09-25', '2027-09-15'])).toEqual(['2026-09-25', '2027-09-15']);
  });

  it('offers the National Day road-trip check a week before 1 October', () => {
    expect(datesDue('national-day', londoner(), ['2026-09-23', '2026-09-24', '2026-10-01'])).toEqual(['2026-09-24']);
  });
});

describe('changing a journey in YAML', () => {
  it('moves the welcome pack when its offset changes in the YAML text, with no code change', async () => {
    const edited = await shippedConfigWithEdit('welcome-pack.yaml', 'after: { days: 30 }', 'after: { days: 20 }');
    const welcome = edited.journeys.filter((each) => each.id === 'welcome-pack');
    const owner = deliveredOn('2026-02-12');

    expect(planned('welcome-pack', owner, '2026-03-04', welcome)).toHaveLength(1);
    expect(planned('welcome-pack', owner, '2026-03-14', welcome)).toEqual([]);
  });
});
