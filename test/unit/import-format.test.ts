import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { importLineJsonSchema, importSchemaPath } from '../../shared/config/json-schemas';
import { canContact, ConsentChannel } from '../../shared/domain/customer';
import { parseImportLine } from '../../shared/import/format';
import { aCustomer, aDealer, aVehicle } from '../helpers/factories';

const today = '2026-03-15';
const line = (value: unknown) => JSON.stringify(value);

describe('parseImportLine', () => {
  it('reads a customer with vehicles, filling defaults as the schema does', () => {
    const { stage: _stage, ...customer } = aCustomer();

    const parsed = parseImportLine(line({ customer, vehicles: [aVehicle()] }), today);

    expect(parsed).toEqual({ ok: true, line: { customer: aCustomer(), vehicles: [aVehicle()] } });
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
  });
});
