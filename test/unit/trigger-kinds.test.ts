import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { birthdayKind } from '../../shared/domain/triggers/birthday';
import { checkJourneyConfig } from '../../shared/config/journey-config';
import { dispatchMessagesOf } from '../../shared/domain/dispatch-message';
import { planDueJourneys } from '../../shared/domain/journey/plan';
import { Journey } from '../../shared/domain/journey/schema';
import { buildMessageContext } from '../../shared/domain/personalisation';
import { renderTemplateText } from '../../shared/domain/render';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { nextOccurrence, occurrencesOn, Trigger } from '../../shared/domain/triggers/registry';
import { aCustomer, aCustomerContext, aVehicle, aCustomerFacts } from '../helpers/factories';
import { customerFacts } from '../../shared/domain/customer-facts';

const trigger = (value: Record<string, unknown>) => Trigger.parse(value);
const owner = (vehicles = [aVehicle({ deliveredOn: '2026-01-31' })], customer = {}): CustomerFacts => aCustomerFacts(customer, vehicles);
const datesDue = (value: Record<string, unknown>, facts: CustomerFacts, dates: string[]) =>
  dates.filter((date) => occurrencesOn(trigger(value), facts, date).length > 0);

describe('birthday trigger', () => {
  it("finds on a date exactly the occurrence its next occurrence from that date is on (the planner's shortcut agrees)", () => {
    const day = fc.integer({ min: 0, max: 60_000 }).map((offset) => new Date(Date.UTC(1930, 0, 1) + offset * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, day, fc.constantFrom('feb28' as const, 'mar1' as const), (birthDate, date, leapDay) => {
        const facts = aCustomerFacts({ birthDate });
        const next = birthdayKind.nextOccurrence({ type: 'birthday', sendAt: '09:00', leapDay }, facts, date);
        const on = birthdayKind.occurrencesOn!({ type: 'birthday', sendAt: '09:00', leapDay }, facts, date);
        expect(on).toEqual(next?.date === date ? [next] : []);
      }),
    );
  });
});

describe('vehicle-date trigger', () => {
  it('sends the welcome pack N days after delivery, once per car, and not the day before', () => {
    const welcome = { type: 'vehicle-date', after: { days: 7 } };

    expect(datesDue(welcome, owner(), ['2026-02-06', '2026-02-07', '2027-02-07'])).toEqual(['2026-02-07']);
    expect(nextOccurrence(trigger(welcome), owner(), '2026-01-01')).toEqual({
      date: '2026-02-07',
      key: 'WBA11AA010CH00001',
      facts: { brand: 'BMW', model: 'X5', deliveredOn: '2026-01-31' },
    });
  });

  it('calls 15 days after delivery', () => {
    const call = { type: 'vehicle-date', after: { days: 15 } };

    expect(datesDue(call, owner(), ['2026-02-14', '2026-02-15', '2026-02-16'])).toEqual(['2026-02-15']);
  });

  it('invites to the first free check 3 months after delivery, on the month end when the day does not exist', () => {
    const firstCheck = { type: 'vehicle-date', after: { months: 3 } };
    const lateJanuary = owner([aVehicle({ deliveredOn: '2025-11-30' })]);

    expect(datesDue(firstCheck, lateJanuary, ['2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02'])).toEqual(['2026-02-28']);
  });

  it('marks every car-age anniversary from the first year, with the years in the facts', () => {
    const anniversary = { type: 'vehicle-date', repeat: 'yearly' };
    const facts = owner([aVehicle({ deliveredOn: '2023-06-01' })]);

    expect(datesDue(anniversary, facts, ['2023-06-01', '2024-05-31', '2024-06-01', '2026-06-01'])).toEqual(['2024-06-01', '2026-06-01']);
    expect(occurrencesOn(trigger(anniversary), facts, '2026-06-01')).toEqual([
      { date: '2026-06-01', key: 'WBA11AA010CH00001#3', facts: { brand: 'BMW', model: 'X5', deliveredOn: '2023-06-01', years: 3 } },
    ]);
  });

  it('gives each of two cars delivered together its own occurrence on the day', () => {
    const welcome = trigger({ type: 'vehicle-date', after: { days: 7 } });
    const fleet = owner([aVehicle({ vin: 'WBA11AA010CH00002', deliveredOn: '2026-01-31' }), aVehicle({ deliveredOn: '2026-01-31' })]);

    expect(occurrencesOn(welcome, fleet, '2026-02-07').map((occurrence) => occurrence.key)).toEqual(['WBA11AA010CH00002', 'WBA11AA010CH00001']);
    expect(nextOccurrence(welcome, fleet, '2026-02-01')?.key).toBe('WBA11AA010CH00001');
  });

  it('limits to cars of the listed fuels, leaving out a car whose fuel is not known', () => {
    const batteryCheck = { type: 'vehicle-date', repeat: 'yearly', fuel: ['ev', 'phev'] };
    const cars = owner([
      aVehicle({ vin: 'WBA11AA010CH00002', deliveredOn: '2025-03-14', fuel: 'diesel' }),
      aVehicle({ vin: 'WBA11AA010CH00003', deliveredOn: '2025-03-14' }),
      aVehicle({ deliveredOn: '2025-03-14', fuel: 'phev' }),
    ]);

    expect(occurrencesOn(trigger(batteryCheck), cars, '2026-03-14').map((occurrence) => occurrence.key)).toEqual(['WBA11AA010CH00001#1']);
    expect(nextOccurrence(trigger(batteryCheck), owner([aVehicle({ fuel: 'petrol' })]), '2026-01-01')).toBeUndefined();
    expect(Trigger.safeParse({ type: 'vehicle-date', fuel: [] }).success).toBe(false);
  });

  it('has nothing for a customer without a car', () => {
    expect(nextOccurrence(trigger({ type: 'vehicle-date', repeat: 'yearly' }), owner([]), '2026-01-01')).toBeUndefined();
  });
});

describe('festival trigger', () => {
  it('falls on the Spring Festival computed from the lunar calendar, and not the day before', () => {
    const spring = { type: 'festival', festival: 'spring-festival' };

    expect(datesDue(spring, owner(), ['2026-02-16', '2026-02-17', '2027-02-06'])).toEqual(['2026-02-17', '2027-02-06']);
  });

  it('goes out days ahead, keyed by the festival date itself', () => {
    const homeSafely = trigger({ type: 'festival', festival: 'spring-festival', daysBefore: 7 });

    expect(nextOccurrence(homeSafely, owner(), '2026-02-01')).toEqual({ date: '2026-02-10', key: '2026-02-17', facts: { festivalDate: '2026-02-17' } });
    expect(occurrencesOn(homeSafely, owner(), '2026-02-17')).toEqual([]);
  });

  it('takes a festival defined in the YAML', () => {
    const doubleNinth = { type: 'festival', festival: { kind: 'lunar', month: 9, day: 9 } };

    expect(datesDue(doubleNinth, owner(), ['2026-10-18', '2026-10-19'])).toEqual(['2026-10-18']);
  });
});

describe('season trigger', () => {
  const winter = { type: 'season', season: 'winter-check' };
  const sydney = owner([], { postalAddress: { lines: ['1 George St'], postcode: '2000', city: 'Sydney', country: 'AU' } });
  const london = owner([]);

  it('sends the winter check in June in the southern hemisphere, not in November', () => {
    expect(datesDue(winter, sydney, ['2026-05-31', '2026-06-01', '2026-11-01'])).toEqual(['2026-06-01']);
    expect(nextOccurrence(trigger(winter), sydney, '2026-01-01')).toMatchObject({ key: '2026', facts: { hemisphere: 'south' } });
  });

  it('sends the winter check in November in the northern hemisphere, not in June', () => {
    expect(datesDue(winter, london, ['2026-06-01', '2026-10-31', '2026-11-01'])).toEqual(['2026-11-01']);
  });

  it("takes the dealer's country when the customer has no postal address, and skips a customer with neither", () => {
    const noAddress = aCustomer({ postalAddress: undefined });

    expect(datesDue(winter, customerFacts({ customer: noAddress, vehicles: [], visits: [], complaints: [] }, 'NZ'), ['2026-06-01'])).toEqual(['2026-06-01']);
    expect(nextOccurrence(trigger(winter), customerFacts({ customer: noAddress, vehicles: [], visits: [], complaints: [] }), '2026-01-01')).toBeUndefined();
  });
});

describe('trigger kinds in journeys', () => {
  it('rejects an unknown key in a kind with the keys that kind allows', () => {
    const parsed = Trigger.safeParse({ type: 'vehicle-date', afterr: { days: 3 } });

    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['afterr'] });
  });

  it('changes what is due when the offset in the YAML changes, with no code change', () => {
    const journeyWith = (days: number) =>
      Journey.parse({ id: 'welcome', name: 'Welcome', trigger: { type: 'vehicle-date', after: { days } }, steps: [{ id: 'email', channel: 'email', template: 'welcome-email' }] });
    const candidates = [owner([aVehicle({ deliveredOn: '2026-03-01' })])];
    const now = new Date('2026-03-14T12:00:00Z');

    expect(planDueJourneys({ journeys: [journeyWith(13)], candidates, now })).toHaveLength(1);
    expect(planDueJourneys({ journeys: [journeyWith(14)], candidates, now })).toEqual([]);
  });

  it('carries the facts of the occurrence to the message and its template', () => {
    const anniversary = Journey.parse({
      id: 'car-anniversary', name: 'Car anniversary', trigger: { type: 'vehicle-date', repeat: 'yearly' },
      steps: [{ id: 'sms', channel: 'sms', template: 'anniversary-sms' }],
    });
    const [due] = planDueJourneys({ journeys: [anniversary], candidates: [owner([aVehicle({ deliveredOn: '2023-03-14' })])], now: new Date('2026-03-14T12:00:00Z') });
    const [message] = dispatchMessagesOf(due!);

    const context = buildMessageContext(aCustomerContext(), message!.occurrenceDate, message!.facts);

    expect(renderTemplateText('{{ occurrence.years }} years with your {{ occurrence.model }}', context, 'text', { escapeHtml: false })).toBe('3 years with your X5');
  });

  it("fails at load a template that reads a fact its journey's trigger does not give", () => {
    const journey = { path: 'journeys/birthday.yaml', text: 'id: birthday\nname: Birthday\ntrigger: { type: birthday }\nsteps:\n  - { id: sms, channel: sms, template: greeting }\n' };
    const template = { path: 'journeys/templates/greeting.yaml', text: 'channel: sms\nlocales:\n  en:\n    text: "{{ occurrence.years }} years"\n' };

    const result = checkJourneyConfig([journey], [template]);

    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.violations.map((violation) => violation.message)).toEqual([expect.stringContaining('for a birthday customer with a vehicle')]);
  });
});
