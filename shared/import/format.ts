/**
 * The customer import format (`npm run import`): JSON Lines, one record per line. The zod schema
 * here is the one source of truth; `examples/customer-import.schema.json` is generated from it.
 *
 * Two kinds of line, told apart by their one top-level key:
 *
 * ```jsonl
 * {"dealer": {"id": "dealer-sh", "name": "...", "timeZone": "Asia/Shanghai", ...}}
 * {"customer": {"id": "c-1", "dealerId": "dealer-sh", ...}, "vehicles": [{"vin": "...", ...}]}
 * ```
 *
 * A customer line carries everything known about that customer beside the profile (today their
 * vehicles); later kinds of fact (odometer readings, visits, complaints) join as further optional
 * arrays on the same line, so a line stays the whole customer and a re-import stays idempotent.
 * Unknown keys are rejected: a typo must not drop a field silently.
 */
import * as z from 'zod';
import { birthDateIssue, Customer, Dealer, fieldIssues, Vehicle, type FieldIssue } from '../domain/customer';
import type { IsoDate } from '../domain/dates';
import { toE164 } from '../domain/phone';

export const DealerLine = z.strictObject({ dealer: Dealer.strict() });
export type DealerLine = z.infer<typeof DealerLine>;

export const CustomerLine = z.strictObject({
  customer: Customer.strict(),
  /** The customer's vehicles; the stored set is replaced by this one (a car sold is left out). */
  vehicles: z.array(Vehicle.strict()).default([]),
});
export type CustomerLine = z.infer<typeof CustomerLine>;

/** One line of an import file. */
export const ImportLine = z.union([DealerLine, CustomerLine]);
export type ImportLine = z.infer<typeof ImportLine>;

export type ParsedLine = { ok: true; line: ImportLine } | { ok: false; issues: FieldIssue[] };

const lineIssue = (message: string): ParsedLine => ({ ok: false, issues: [{ path: '(line)', message }] });

/**
 * Parses and checks one line of an import file. `today` is the latest date current anywhere:
 * a birth date after it is in the future. Every issue found is reported, with its field path;
 * messages never quote the value (the terminal output may be pasted into a ticket).
 */
export function parseImportLine(text: string, today: IsoDate): ParsedLine {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // V8's message quotes the line, personal data included: say where it is, not what.
    return lineIssue('not valid JSON');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return lineIssue('expected a JSON object with "customer" or "dealer"');
  if ('dealer' in json) {
    const parsed = DealerLine.safeParse(json);
    return parsed.success ? { ok: true, line: parsed.data } : { ok: false, issues: fieldIssues(parsed.error) };
  }
  if (!('customer' in json)) return lineIssue('expected a JSON object with "customer" or "dealer"');
  const parsed = CustomerLine.safeParse(json);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  const issues = customerLineIssues(parsed.data, today);
  return issues.length === 0 ? { ok: true, line: parsed.data } : { ok: false, issues };
}

/** What the schema cannot say: plausibility against today, real phone numbers, one VIN once. */
function customerLineIssues({ customer, vehicles }: CustomerLine, today: IsoDate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const dateIssue = customer.birthDate === undefined ? undefined : birthDateIssue(customer.birthDate, today);
  if (dateIssue) issues.push({ path: 'customer.birthDate', message: dateIssue });
  if (customer.phone !== undefined && toE164(customer.phone) !== customer.phone) {
    issues.push({ path: 'customer.phone', message: 'expected a valid phone number in E.164 form, such as +8613812345678' });
  }
  const seen = new Set<string>();
  vehicles.forEach((vehicle, index) => {
    if (seen.has(vehicle.vin)) issues.push({ path: `vehicles.${index}.vin`, message: 'the same VIN appears twice for this customer' });
    seen.add(vehicle.vin);
  });
  return issues;
}
