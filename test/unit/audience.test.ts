import { describe, expect, it } from 'vitest';
import { matchesAudience } from '../../shared/domain/journey/plan';
import { Audience } from '../../shared/domain/journey/schema';
import type { CustomerFacts } from '../../shared/domain/triggers/kind';
import { aCustomerFacts, aVehicle } from '../helpers/factories';

const inAudience = (audience: Record<string, unknown>, facts: CustomerFacts) => matchesAudience(Audience.parse(audience), facts);

describe('journey audience', () => {
  it('keeps the stage, dealer and locale filters', () => {
    const ann = aCustomerFacts({ stage: 'owner', dealerId: 'dealer-sh', locale: 'en' });

    expect(inAudience({ stages: ['owner'], dealers: ['dealer-sh'], locales: ['en'] }, ann)).toBe(true);
    expect(inAudience({ stages: ['prospect'] }, ann)).toBe(false);
    expect(inAudience({ dealers: ['dealer-syd'] }, ann)).toBe(false);
    expect(inAudience({ locales: ['zh-CN'] }, ann)).toBe(false);
  });

  it('limits to loyalty tiers, leaving out a customer without loyalty data', () => {
    const gold = aCustomerFacts({ loyalty: { tier: 'gold', points: 9000 } });

    expect(inAudience({ loyaltyTiers: ['gold', 'exclusive'] }, gold)).toBe(true);
    expect(inAudience({ loyaltyTiers: ['silver'] }, gold)).toBe(false);
    expect(inAudience({ loyaltyTiers: ['standard', 'silver', 'gold', 'exclusive'] }, aCustomerFacts())).toBe(false);
  });

  it('limits to regions, a country taking in its subdivisions but a subdivision only itself', () => {
    const sydney = aCustomerFacts({ region: 'AU-NSW' });
    const australia = aCustomerFacts({ region: 'AU' });

    expect(inAudience({ regions: ['AU'] }, sydney)).toBe(true);
    expect(inAudience({ regions: ['NZ', 'AU-NSW'] }, sydney)).toBe(true);
    expect(inAudience({ regions: ['AU-VIC'] }, sydney)).toBe(false);
    expect(inAudience({ regions: ['AU-NSW'] }, australia)).toBe(false);
  });

  it("uses the region the customer's address or dealer gives when the profile has none", () => {
    // The factory customer lives at a London address.
    expect(inAudience({ regions: ['GB'] }, aCustomerFacts())).toBe(true);
    expect(inAudience({ regions: ['CN'] }, aCustomerFacts({ postalAddress: undefined }, [], { dealerCountry: 'CN' }))).toBe(true);
  });

  it('limits to customers with any of the listed interests', () => {
    const family = aCustomerFacts({ interests: ['golf', 'family'] });

    expect(inAudience({ interests: ['family', 'road-trips'] }, family)).toBe(true);
    expect(inAudience({ interests: ['sailing'] }, family)).toBe(false);
    expect(inAudience({ interests: ['family'] }, aCustomerFacts())).toBe(false);
  });

  it("limits to brands and models of any of the customer's cars, whatever their case", () => {
    const twoCars = aCustomerFacts({}, [aVehicle({ brand: 'MINI', model: 'Cooper' }), aVehicle({ vin: 'WBA11AA010CH00002', brand: 'BMW', model: 'iX' })]);

    expect(inAudience({ brands: ['bmw'] }, twoCars)).toBe(true);
    expect(inAudience({ brands: ['Rolls-Royce'] }, twoCars)).toBe(false);
    expect(inAudience({ models: ['iX', 'i4'] }, twoCars)).toBe(true);
    expect(inAudience({ models: ['X5'] }, twoCars)).toBe(false);
    expect(inAudience({ brands: ['BMW'], models: ['Cooper'] }, twoCars)).toBe(true);
    expect(inAudience({ models: ['iX'] }, aCustomerFacts())).toBe(false);
  });

  it('needs every listed filter to match', () => {
    const ann = aCustomerFacts({ region: 'CN-SH', interests: ['family'], loyalty: { tier: 'silver', points: 3000 } });

    expect(inAudience({ regions: ['CN'], interests: ['family'], loyaltyTiers: ['silver'] }, ann)).toBe(true);
    expect(inAudience({ regions: ['CN'], interests: ['family'], loyaltyTiers: ['gold'] }, ann)).toBe(false);
  });

  it('is checked at load: unknown tiers, malformed regions and interests, empty lists and misspelt keys are errors', () => {
    expect(Audience.safeParse({ loyaltyTiers: ['platinum'] }).success).toBe(false);
    expect(Audience.safeParse({ regions: ['Australia'] }).success).toBe(false);
    expect(Audience.safeParse({ interests: ['Road Trips'] }).success).toBe(false);
    expect(Audience.safeParse({ brands: [] }).success).toBe(false);
    expect(Audience.safeParse({ models: [' '] }).success).toBe(false);
    expect(Audience.safeParse({ region: ['AU'] }).success).toBe(false);
  });
});
