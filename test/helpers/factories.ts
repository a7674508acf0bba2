import type { DispatchMessage } from '../../shared/domain/dispatch-message';
import type { Brand } from '../../shared/domain/brand';
import type { Customer, CustomerContext, Dealer, Vehicle } from '../../shared/domain/customer';
import type { Complaint, ServiceVisit } from '../../shared/domain/service-history';
import { customerFacts, type CustomerFacts } from '../../shared/domain/customer-facts';
import { Journey } from '../../shared/domain/journey/schema';

const consentGiven = { granted: true, source: 'showroom-form', at: '2024-05-01T10:00:00+08:00' };

export function aDealer(overrides: Partial<Dealer> = {}): Dealer {
  return {
    id: 'dealer-sh',
    name: 'Pudong Premium Motors',
    timeZone: 'Asia/Shanghai',
    phone: '+86 21 5555 0100',
    email: 'service@pudong-motors.example',
    address: { lines: ['88 Century Avenue'], postcode: '200120', city: 'Shanghai', country: 'CN' },
    ...overrides,
  };
}

/** A brand's customer centre, the sender of brand-sent journeys. */
export function aBrand(overrides: Partial<Brand> = {}): Brand {
  return {
    id: 'brand-cn',
    name: 'Bavaria Motors Customer Centre',
    email: 'customer.centre@bavaria-motors.example',
    phone: '+86 400 800 6666',
    address: { lines: ['1 Brand Plaza'], postcode: '100027', city: 'Beijing', country: 'CN' },
    ...overrides,
  };
}

export function aCustomer(overrides: Partial<Customer> = {}): Customer {
  return {
    id: 'c-0001',
    dealerId: 'dealer-sh',
    firstName: 'Ann',
    lastName: 'Lee',
    salutation: 'ms',
    locale: 'en',
    timeZone: 'Europe/London',
    birthDate: '1980-03-14',
    stage: 'owner',
    email: 'ann.lee@example.com',
    phone: '+447911123456',
    postalAddress: { lines: ['1 High Street'], postcode: 'SW1A 1AA', city: 'London', country: 'GB' },
    consent: { email: consentGiven, sms: consentGiven, print: consentGiven },
    ...overrides,
  };
}

export function aVehicle(overrides: Partial<Vehicle> = {}): Vehicle {
  return { vin: 'WBA11AA010CH00001', brand: 'BMW', model: 'X5', deliveredOn: '2023-06-01', ...overrides };
}

export function aCustomerContext(customer: Partial<Customer> = {}, vehicles: Vehicle[] = [aVehicle()]): CustomerContext {
  return { customer: aCustomer(customer), vehicles, visits: [], complaints: [], dealer: aDealer() };
}

/** What the planner and the trigger kinds read of a customer, built as the engine builds it. */
export function aCustomerFacts(
  customer: Partial<Customer> = {},
  vehicles: Vehicle[] = [],
  { visits = [], complaints = [], dealerCountry }: { visits?: ServiceVisit[]; complaints?: Complaint[]; dealerCountry?: string } = {},
): CustomerFacts {
  return customerFacts({ customer: aCustomer(customer), vehicles, visits, complaints }, dealerCountry);
}

/** A birthday journey with email and SMS (and the card with `withCard`), parsed like config. */
export function aBirthdayJourney({ withCard = false, trigger = {} }: { withCard?: boolean; trigger?: Record<string, unknown> } = {}): Journey {
  return Journey.parse({
    id: 'birthday',
    name: 'Birthday',
    trigger: { type: 'birthday', ...trigger },
    steps: [
      { id: 'email', channel: 'email', template: 'birthday-email' },
      { id: 'sms', channel: 'sms', template: 'birthday-sms' },
      ...(withCard ? [{ id: 'card', channel: 'print', template: 'birthday-card' }] : []),
    ],
  });
}

/** A service visit of the factory vehicle at the factory dealer. */
export function aVisit(overrides: Partial<ServiceVisit> = {}): ServiceVisit {
  return { on: '2025-06-01', dealerId: 'dealer-sh', vin: aVehicle().vin, odometerKm: 24_000, work: ['oil-service'], ...overrides };
}

export function aComplaint(overrides: Partial<Complaint> = {}): Complaint {
  return { reference: 'CR-1001', openedOn: '2026-01-10', ...overrides };
}

/** A queued message of the birthday journey's email step for `c-0001`, as the evaluation puts it on the dispatch queue. */
export const aDispatchMessage = (overrides: Partial<DispatchMessage> = {}): DispatchMessage => ({
  version: 1,
  journeyId: 'birthday',
  occurrenceKey: '2026',
  occurrenceDate: '2026-03-14',
  customerId: 'c-0001',
  messageId: 'email',
  channel: 'email',
  template: 'birthday-email',
  ...overrides,
});
