import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generateDemoData } from '../../local/demo-data';
import { customerFacts, type CustomerFacts } from '../../shared/domain/customer-facts';
import { planDueJourneys, type DueOccurrence } from '../../shared/domain/journey/plan';
import type { Journey } from '../../shared/domain/journey/schema';
import { checkJourneyConfig, type ConfigFile, type JourneyConfig } from '../../shared/config/journey-config';

/** The journeys shipped in `journeys/`, loaded in the catalogue tests as `npm start` loads them. */
export const shippedJourneysDir = join(import.meta.dirname, '../../journeys');

/** One journey of a loaded config, by id; a missing one fails the test with its name. */
export function journeyIn(config: JourneyConfig, id: string): Journey {
  const found = config.journeys.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no journey ${id} in journeys/`);
  return found;
}

/** What these journeys plan for one customer at noon UTC on a date (noon in London, past every sendAt). */
export function plannedAtNoon(journeys: Journey[], facts: CustomerFacts, date: string): DueOccurrence[] {
  return planDueJourneys({ journeys, candidates: [facts], now: new Date(`${date}T12:00:00Z`) });
}

/** The demo customers (1,200 of four dealers, in every after-sales situation) as the trigger kinds see them. */
export function demoCustomerFacts(): CustomerFacts[] {
  const data = generateDemoData();
  const countries = new Map(data.dealers.map((dealer) => [dealer.id, dealer.address.country]));
  return data.customers.map((record) => customerFacts(record, countries.get(record.customer.dealerId)));
}

/** The channels of the messages of some due occurrences. */
export const channelsOf = (due: DueOccurrence[]) => due.flatMap((occurrence) => occurrence.messages.map((message) => message.channel));

async function readYamlFolder(folder: string): Promise<ConfigFile[]> {
  const names = (await readdir(folder)).filter((name) => name.endsWith('.yaml')).sort();
  return Promise.all(names.map(async (name) => ({ path: name, text: await readFile(join(folder, name), 'utf8') })));
}

/**
 * The shipped folder with one journey's YAML text edited (`from` replaced by `to`), checked as at
 * start-up: what a marketer's edit does, with no code change. Fails if the text is not there.
 */
export async function shippedConfigWithEdit(file: string, from: string, to: string): Promise<JourneyConfig> {
  const [journeyFiles, templateFiles] = await Promise.all([readYamlFolder(shippedJourneysDir), readYamlFolder(join(shippedJourneysDir, 'templates'))]);
  const target = journeyFiles.find((each) => each.path === file);
  if (!target?.text.includes(from)) throw new Error(`${file} has no "${from}"`);
  const result = checkJourneyConfig(
    journeyFiles.map((each) => (each === target ? { ...each, text: each.text.replace(from, to) } : each)),
    templateFiles,
  );
  if (!result.ok) throw new Error(result.violations.map((violation) => violation.message).join('\n'));
  return result.config;
}
