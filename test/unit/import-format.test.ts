import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importLineJsonSchema, importSchemaPath } from '../../shared/config/json-schemas';
import { canContact, ConsentChannel } from '../../shared/domain/customer';
import { parseImportLine } from '../../shared/import/format';
import { aComplaint, aCustomer, aDealer, aVehicle, aVisit } from '../helpers/factories';

const today = '2026-03-15';
const line = (value: unknown) => JSON.stringify(value);

describe('parseImportLine', () => {
  it('reads a customer with vehicles, filling defaults as the schema does', () => {
    const { stage: _stage, ...customer } = aCustomer();

    const parsed = parseImportLine(line({ customer, vehicles: [aVehicle()] }), today);

    expect(parsed).toEqual({ ok: true, line: { customer: aCustomer(), vehicles: [aVehicle()], visits: [], complaints: [] } });
  });

  it('reads a dealer line', () => {
    expect(parseImportLine(line({ dealer: aDealer() }), today)).toEqual({ ok: true, line: { dealer: aDealer() } });
  });

  it('rejects a line that is not JSON without quoting it', () => {
    const parsed = parseImportLine('{"customer": {"email": "ann@example.com"', today);

    expect(parsed).toEqual({ ok: false, issues: [{ path: '(line)', message: 'not valid JSON' }] });
  });

  it('rejects a JSON value that is not a customer or dealer object', () => {
    for (const text of ['[]', '42', '{"person": {}}']) {
      expect(parseImportLine(text, today)).toMatchObject({ ok: false, issues: [{ path: '(line)' }] });
    }
  });

  it('names every bad field of a customer by its path', () => {
    const parsed = parseImportLine(line({ customer: { ...aCustomer(), email: 'nope', timeZone: 'Mars/Base' }, vehicles: [{ ...aVehicle(), vin: 'short' }] }), today);

    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.issues.map((issue) => issue.path).sort()).toEqual(['customer.email', 'customer.timeZone', 'vehicles.0.vin']);
  });

  it('rejects an unknown key instead of dropping it (a typo must not lose data)', () => {
    const parsed = parseImportLine(line({ customer: { ...aCustomer(), birthdate: '1980-03-14' } }), today);

    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'customer', message: expect.stringContaining('birthdate') }] });
  });

  it('rejects a birth date that does not exist, one in the future and one over 130 years ago', () => {
    const issueFor = (birthDate: string) => {
      const parsed = parseImportLine(line({ customer: aCustomer({ birthDate }) }), today);
      return parsed.ok ? undefined : parsed.issues;
    };

    expect(issueFor('1980-02-30')).toEqual([{ path: 'customer.birthDate', message: 'expected a real calendar date (no such day)' }]);
    expect(issueFor('2031-03-14')).toEqual([{ path: 'customer.birthDate', message: 'birth date is after 2026-03-15' }]);
    expect(issueFor('1880-01-01')).toEqual([{ path: 'customer.birthDate', message: 'birth date makes the customer older than 130' }]);
  });

  it('rejects a phone number that is not a real number in E.164 form', () => {
    for (const phone of ['+4479', '07911 123456']) {
      expect(parseImportLine(line({ customer: aCustomer({ phone }) }), today)).toMatchObject({ ok: false, issues: [{ path: 'customer.phone' }] });
    }
  });

  it('rejects a customer listing the same VIN twice', () => {
    const parsed = parseImportLine(line({ customer: aCustomer(), vehicles: [aVehicle(), aVehicle()] }), today);

    expect(parsed).toMatchObject({ ok: false, issues: [{ path: 'vehicles.1.vin' }] });
  });
});

describe('parseImportLine: the after-sales facts', () => {
  const car = aVehicle({ fuel: 'ev', odometerReadings: [{ on: '2025-01-10', km: 8_000 }], warrantyEndsOn: '2026-06-01', extendedWarranty: { endsOn: '2028-06-01', endsAtKm: 100_000 }, maintenancePlan: { endsOn: '2027-06-01' }, roadsideAssistanceEndsOn: '2026-06-01' });
  const full = {
    customer: aCustomer({ region: 'AU-NSW', loyalty: { points: 5_200, tier: 'silver' }, interests: ['golf', 'road-trips'] }),
    vehicles: [car],
    visits: [aVisit(), aVisit({ on: '2025-12-01', vin: undefined, work: ['winter-check'] })],
    complaints: [aComplaint(), aComplaint({ reference: 'CR-0900', openedOn: '2025-05-01', closedOn: '2025-05-20' })],
  };
  const issuesOf = (value: unknown) => {
    const parsed = parseImportLine(line(value), today);
    return parsed.ok ? [] : parsed.issues;
  };

  it('reads a customer with region, loyalty, interests, a car with readings and cover dates, visits and complaints', () => {
    expect(parseImportLine(line(full), today)).toEqual({ ok: true, line: full });
  });

  it('rejects an unknown key inside a visit, a complaint, a car or the loyalty record', () => {
    const paths = (value: unknown) => issuesOf(value).map((issue) => issue.path);

    expect(paths({ ...full, visits: [{ ...aVisit(), mileage: 5 }] })).toEqual(['visits.0']);
    expect(paths({ ...full, complaints: [{ ...aComplaint(), status: 'open' }] })).toEqual(['complaints.0']);
    expect(paths({ ...full, vehicles: [{ ...car, extendedWarranty: { endsOn: '2028-06-01', km: 1 } }] })).toEqual(['vehicles.0.extendedWarranty']);
    expect(paths({ ...full, customer: { ...full.customer, loyalty: { points: 1, tier: 'gold', since: '2020' } } })).toEqual(['customer.loyalty']);
  });

  it('names each bad value by its path: fuel, region, tier, points, work tag, reading', () => {
    const issues = issuesOf({
      ...full,
      customer: { ...full.customer, region: 'Australia', loyalty: { points: -1, tier: 'platinum' } },
      vehicles: [{ ...car, fuel: 'steam', odometerReadings: [{ on: '2025-02-30', km: 10 }] }],
      visits: [aVisit({ work: ['Oil Service'] })],
    });

    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'customer.loyalty.points',
      'customer.loyalty.tier',
      'customer.region',
      'vehicles.0.fuel',
      'vehicles.0.odometerReadings.0.on',
      'visits.0.work.0',
    ]);
  });

  it('rejects facts dated after today, a visit to a car not listed, a complaint twice or closed before opened', () => {
    const issues = issuesOf({
      ...full,
      vehicles: [{ ...car, odometerReadings: [{ on: '2026-04-01', km: 9_000 }] }],
      visits: [aVisit({ on: '2026-03-20' }), aVisit({ vin: 'WBA11AA010CH00099' })],
      complaints: [aComplaint(), aComplaint({ openedOn: '2026-01-01' }), aComplaint({ reference: 'CR-2', openedOn: '2026-02-01', closedOn: '2026-01-01' })],
    });

    expect(issues).toEqual([
      { path: 'vehicles.0.odometerReadings.0.on', message: 'date is after 2026-03-15' },
      { path: 'visits.0.on', message: 'date is after 2026-03-15' },
      { path: 'visits.1.vin', message: "not one of this customer's vehicles (leave it out for a car no longer theirs)" },
      { path: 'complaints.1.reference', message: 'the same complaint reference appears twice for this customer' },
      { path: 'complaints.2.closedOn', message: 'closed before it was opened' },
    ]);
  });
});

describe('the import format files', () => {
  it('keeps the committed JSON Schema in step with the zod schema (run `npm run schemas`)', async () => {
    expect(await readFile(importSchemaPath, 'utf8')).toBe(importLineJsonSchema());
  });

  it('ships an example whose every line is valid and which covers every consent combination', async () => {
    const lines = (await readFile('examples/customers.jsonl', 'utf8')).trim().split('\n');

    const parsed = lines.map((text) => parseImportLine(text, today));

    expect(parsed.filter((result) => !result.ok)).toEqual([]);
    const combinations = new Set<string>();
    let withVehicles = 0;
    for (const result of parsed) {
      if (!result.ok || !('customer' in result.line)) continue;
      const customer = result.line.customer;
      combinations.add(ConsentChannel.options.map((channel) => (canContact(customer, channel) ? channel : '-')).join('+'));
      if (result.line.vehicles.length > 0) withVehicles += 1;
    }
    expect(combinations.size).toBe(2 ** ConsentChannel.options.length);
    expect(withVehicles).toBeGreaterThan(0);
    // Brands come before the dealers that name them, every dealer of a brand in the file.
    const brandLines = parsed.flatMap((result, index) => (result.ok && 'brand' in result.line ? [{ id: result.line.brand.id, index }] : []));
    const dealerLines = parsed.flatMap((result, index) => (result.ok && 'dealer' in result.line ? [{ brandId: result.line.dealer.brandId, index }] : []));
    expect(dealerLines.length).toBeGreaterThan(0);
    for (const dealer of dealerLines) expect(brandLines.find((brand) => brand.id === dealer.brandId)?.index).toBeLessThan(dealer.index);
  });

  it('ships an example that shows every after-sales fact the format carries', async () => {
    const customerLines = (await readFile('examples/customers.jsonl', 'utf8'))
      .trim()
      .split('\n')
      .map((text) => parseImportLine(text, today))
      .flatMap((result) => (result.ok && 'customer' in result.line ? [result.line] : []));
    const cars = customerLines.flatMap((entry) => entry.vehicles);

    expect(customerLines.every((entry) => entry.customer.region !== undefined)).toBe(true);
    expect(customerLines.some((entry) => entry.customer.loyalty && entry.customer.interests)).toBe(true);
    expect(new Set(cars.map((car) => car.fuel))).toContain('ev');
    expect(cars.some((car) => car.odometerReadings && car.warrantyEndsOn && car.roadsideAssistanceEndsOn)).toBe(true);
    expect(cars.some((car) => car.maintenancePlan) && cars.some((car) => car.extendedWarranty)).toBe(true);
    expect(customerLines.some((entry) => entry.visits.some((visit) => visit.odometerKm !== undefined && visit.work))).toBe(true);
    expect(customerLines.flatMap((entry) => entry.complaints).map((complaint) => complaint.closedOn === undefined)).toEqual(expect.arrayContaining([true, false]));
  });
});
