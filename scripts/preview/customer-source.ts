/**
 * Where `npm run preview` gets its customer: an id in the demo data, a file in the import format,
 * or, with neither, a demo customer the journey reaches. Each answer says which customer it is
 * and where it came from; each refusal says why (file, line, field).
 */
import { readFile } from 'node:fs/promises';
import type { Brand } from '../../shared/domain/brand';
import { canContact, type CustomerContext, type Dealer } from '../../shared/domain/customer';
import { customerFacts } from '../../shared/domain/customer-facts';
import { addDays, type IsoDate } from '../../shared/domain/dates';
import { matchesAudience } from '../../shared/domain/journey/plan';
import { previewOccurrenceOf } from '../../shared/domain/journey/preview-occurrence';
import type { Journey } from '../../shared/domain/journey/schema';
import { parseImportLine, type CustomerLine } from '../../shared/import/format';
import type { DemoData } from '../../local/demo-data';

/** The customer to preview for, the brands their dealer may belong to, and how they were found. */
export interface PreviewCustomer {
  context: CustomerContext;
  brands: readonly Brand[];
  /** Said to the user: "demo customer c-00001", "customer ex-001 from my.json". */
  source: string;
}

export type CustomerChoice = ({ ok: true } & PreviewCustomer) | { ok: false; error: string };

/** A customer of the demo data, by id. */
export function demoCustomer(id: string, demo: DemoData): CustomerChoice {
  const record = demo.customers.find((each) => each.customer.id === id);
  if (!record) {
    const ids = demo.customers.map((each) => each.customer.id);
    return { ok: false, error: `No customer "${id}" in the demo data (ids ${ids[0]} to ${ids.at(-1)}); give a demo id or a customer file (import format, .json)` };
  }
  return withDealer(record, demo.dealers, demo.brands, `demo customer ${id}`);
}

/**
 * The demo customer the journey reaches soonest on or after their previewing day (`dateOf`, per
 * customer: today is not the same day everywhere): in the audience, on every step's channel,
 * within a year. Ties go to the first in the demo data, so the choice is the same on every run.
 */
export function sampleCustomer(journey: Journey, demo: DemoData, dateOf: (timeZone: string) => IsoDate): CustomerChoice {
  let best: { record: DemoData['customers'][number]; date: IsoDate } | undefined;
  for (const record of demo.customers) {
    const dealer = demo.dealers.find((each) => each.id === record.customer.dealerId);
    if (!dealer || !journey.steps.every((step) => canContact(record.customer, step.channel))) continue;
    const facts = customerFacts(record, dealer.address.country);
    if (!matchesAudience(journey.audience, facts)) continue;
    const date = dateOf(record.customer.timeZone);
    const choice = previewOccurrenceOf(journey, facts, date);
    if (!choice.ok || choice.occurrence.date > addDays(date, 365)) continue;
    if (best === undefined || choice.occurrence.date < best.date) best = { record, date: choice.occurrence.date };
  }
  if (!best) return { ok: false, error: `No demo customer is reached by journey "${journey.id}" within a year; give one with --customer <id | file.json>` };
  return withDealer(best.record, demo.dealers, demo.brands, `demo customer ${best.record.customer.id} (no --customer: the demo customer the journey reaches soonest, on every channel)`);
}

/**
 * One customer from a file in the import format (`npm run import`'s lines, checked the same way):
 * a single JSON object (one customer line, pretty-printed or not), or JSON Lines with brand and
 * dealer lines before exactly one customer line. The customer's dealer comes from the file or
 * the demo data. `today` is what dates are checked against (no birth date in the future).
 */
export async function customerFromFile(path: string, today: IsoDate, demo: DemoData): Promise<CustomerChoice> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return { ok: false, error: `${path}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})` };
  }
  const lines = asLines(text);
  const dealers: Dealer[] = [];
  const brands: Brand[] = [];
  let customer: { line: CustomerLine; at: string } | undefined;
  for (const { text: lineText, at } of lines) {
    const parsed = parseImportLine(lineText, today);
    if (!parsed.ok) return { ok: false, error: parsed.issues.map((issue) => `${path}${at}: ${issue.path}: ${issue.message}`).join('\n') };
    const { line } = parsed;
    if ('brand' in line) brands.push(line.brand);
    else if ('dealer' in line) dealers.push(line.dealer);
    else if (customer) return { ok: false, error: `${path}${at}: customer: a preview is for one customer; the file has more than one customer line` };
    else customer = { line, at };
  }
  if (!customer) return { ok: false, error: `${path}: customer: no customer line in the file (expected {"customer": {...}, "vehicles": [...]})` };
  const { line, at } = customer;
  const known = [...dealers, ...demo.dealers];
  if (!known.some((dealer) => dealer.id === line.customer.dealerId)) {
    return { ok: false, error: `${path}${at}: customer.dealerId: no dealer "${line.customer.dealerId}" in the file or the demo data (add a {"dealer": {...}} line before the customer)` };
  }
  return withDealer(line, known, [...brands, ...demo.brands], `customer ${line.customer.id} from ${path}`);
}

/** The file's lines to parse, each with where it is (`:3`); a file that is one JSON value is one line. */
function asLines(text: string): { text: string; at: string }[] {
  try {
    JSON.parse(text);
    return [{ text, at: '' }];
  } catch {
    return text
      .split('\n')
      .map((line, index) => ({ text: line, at: `:${index + 1}` }))
      .filter((line) => line.text.trim() !== '');
  }
}

function withDealer(record: CustomerContext | Omit<CustomerContext, 'dealer'>, dealers: readonly Dealer[], brands: readonly Brand[], source: string): CustomerChoice {
  const dealer = dealers.find((each) => each.id === record.customer.dealerId);
  if (!dealer) return { ok: false, error: `${source}: customer.dealerId: no dealer "${record.customer.dealerId}"` };
  const { customer, vehicles, visits, complaints } = record;
  return { ok: true, context: { customer, vehicles, visits, complaints, dealer }, brands, source };
}
