/**
 * The customer import format (`npm run import`): JSON Lines, one record per line. The zod schema
 * here is the one source of truth; `examples/customer-import.schema.json` is generated from it.
 *
 * Three kinds of line, told apart by their one top-level key:
 *
 * ```jsonl
 * {"brand": {"id": "bmw-cn", "name": "BMW Customer Centre", "email": "...", "phone": "...", "address": {...}}}
 * {"dealer": {"id": "dealer-sh", "name": "...", "timeZone": "Asia/Shanghai", "brandId": "bmw-cn", ...}}
 * {"customer": {"id": "c-1", "dealerId": "dealer-sh", ...}, "vehicles": [{"vin": "...", ...}]}
 * ```
 *
 * A brand is its customer centre, the sender of brand-sent journeys (the welcome pack); a dealer
 * names its brand with `brandId`, which must be stored already or on an earlier line.
 *
 * A customer line carries everything known about that customer beside the profile: their
 * vehicles (with odometer readings, fuel and cover end dates), service visits and complaints,
 * each an optional array. The line is the whole customer: the stored sets are replaced by the
 * line's, so a re-import of the same line writes nothing. Unknown keys are rejected at every
 * level: a typo must not drop a field silently.
 */
import * as z from 'zod';
import { Brand } from '../domain/brand';
import { birthDateIssue, Customer, Dealer, fieldIssues, Vehicle, type FieldIssue } from '../domain/customer';
import { Complaint, ServiceVisit } from '../domain/service-history';
import type { IsoDate } from '../domain/dates';
import { toE164 } from '../domain/phone';

export const BrandLine = z.strictObject({ brand: Brand.strict() });
export type BrandLine = z.infer<typeof BrandLine>;

export const DealerLine = z.strictObject({ dealer: Dealer.strict() });
export type DealerLine = z.infer<typeof DealerLine>;

export const CustomerLine = z.strictObject({
  customer: Customer.strict(),
  /** The customer's vehicles; the stored set is replaced by this one (a car sold is left out). */
  vehicles: z.array(Vehicle.strict()).default([]).meta({ description: "The customer's vehicles now; a car left out is removed." }),
  /** Every service visit known; replaces the stored visits. */
  visits: z.array(ServiceVisit.strict()).max(1000).default([]).meta({ description: 'Service visits, any order; they replace the stored ones.' }),
  /** Every complaint, open and closed; replaces the stored complaints. */
  complaints: z.array(Complaint.strict()).max(200).default([]).meta({ description: 'Complaints, open and closed; they replace the stored ones.' }),
});
export type CustomerLine = z.infer<typeof CustomerLine>;

/** One line of an import file. */
export const ImportLine = z.union([BrandLine, DealerLine, CustomerLine]);
export type ImportLine = z.infer<typeof ImportLine>;

export type ParsedLine = { ok: true; line: ImportLine } | { ok: false; issues: FieldIssue[] };

const expectedKinds = 'expected a JSON object with "customer", "dealer" or "brand"';
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
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return lineIssue(expectedKinds);
  if ('brand' in json) {
    const parsed = BrandLine.safeParse(json);
    return parsed.success ? { ok: true, line: parsed.data } : { ok: false, issues: fieldIssues(parsed.error) };
  }
  if ('dealer' in json) {
    const parsed = DealerLine.safeParse(json);
    return parsed.success ? { ok: true, line: parsed.data } : { ok: false, issues: fieldIssues(parsed.error) };
  }
  if (!('customer' in json)) return lineIssue(expectedKinds);
  const parsed = CustomerLine.safeParse(json);
  if (!parsed.success) return { ok: false, issues: fieldIssues(parsed.error) };
  const issues = customerLineIssues(parsed.data, today);
  return issues.length === 0 ? { ok: true, line: parsed.data } : { ok: false, issues };
}

/**
 * What the schema cannot say: plausibility against today (no birth date, reading, visit or
 * complaint in the future), real phone numbers, one VIN and one complaint reference once, visits
 * naming one of the customer's cars, and a complaint not closed before it was opened.
 */
function customerLineIssues({ customer, vehicles, visits, complaints }: CustomerLine, today: IsoDate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const issue = (path: string, message: string) => issues.push({ path, message });
  const notFuture = (path: string, date: IsoDate | undefined) => {
    if (date !== undefined && date > today) issue(path, `date is after ${today}`);
  };
  const dateIssue = customer.birthDate === undefined ? undefined : birthDateIssue(customer.birthDate, today);
  if (dateIssue) issue('customer.birthDate', dateIssue);
  if (customer.phone !== undefined && toE164(customer.phone) !== customer.phone) {
    issue('customer.phone', 'expected a valid phone number in E.164 form, such as +8613812345678');
  }
  const vins = new Set<string>();
  vehicles.forEach((vehicle, index) => {
    if (vins.has(vehicle.vin)) issue(`vehicles.${index}.vin`, 'the same VIN appears twice for this customer');
    vins.add(vehicle.vin);
    vehicle.odometerReadings?.forEach((reading, at) => notFuture(`vehicles.${index}.odometerReadings.${at}.on`, reading.on));
  });
  visits.forEach((visit, index) => {
    notFuture(`visits.${index}.on`, visit.on);
    if (visit.vin !== undefined && !vins.has(visit.vin)) issue(`visits.${index}.vin`, 'not one of this customer\'s vehicles (leave it out for a car no longer theirs)');
  });
  const references = new Set<string>();
  complaints.forEach((complaint, index) => {
    if (references.has(complaint.reference)) issue(`complaints.${index}.reference`, 'the same complaint reference appears twice for this customer');
    references.add(complaint.reference);
    notFuture(`complaints.${index}.openedOn`, complaint.openedOn);
    notFuture(`complaints.${index}.closedOn`, complaint.closedOn);
    if (complaint.closedOn !== undefined && complaint.closedOn < complaint.openedOn) issue(`complaints.${index}.closedOn`, 'closed before it was opened');
  });
  return issues;
}
