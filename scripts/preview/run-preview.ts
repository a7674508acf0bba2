/** `npm run preview`: the command, apart from its entry point so tests run it in-process. */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { readCommandLine } from '../command-line';
import { customerFromFile, demoCustomer, sampleCustomer, type CustomerChoice } from './customer-source';
import { writePreview } from './write-preview';
import { generateDemoData } from '../../local/demo-data';
import { JourneyConfigError, loadJourneyConfig } from '../../shared/config/load-journeys';
import type { JourneyConfig } from '../../shared/config/journey-config';
import { violationReport } from '../../shared/config/violations';
import { createPdfPrintRenderer } from '../../shared/adapters/print/pdf-print-renderer';
import { lunarJavascriptCalendar } from '../../shared/domain/calendar/lunar-javascript-calendar';
import { CalendarDateString, datesCurrentAnywhere, localMomentIn } from '../../shared/domain/dates';
import { useLunarCalendar } from '../../shared/domain/triggers/festival';
import { brandsOf, NoOccurrenceError, previewJourney } from '../../shared/use-cases/preview-journey';

const usage = `Usage: npm run preview -- <journeyId> [options]

Renders every message of the journey for one customer as they would get it (email HTML and text,
SMS text with its segments, the print PDF, a task), for the journey's first occurrence on or after
the date, and writes them as files. Sends nothing and needs no local servers.

  --customer ID|FILE  a demo customer's id (c-00001), or a file with one customer in the import
                      format (a JSON object, or JSON Lines with dealer/brand lines before it);
                      default: the demo customer the journey reaches soonest, on every channel
  --date YYYY-MM-DD   the day previewed for (default: today in the customer's time zone)
  --out DIR           where the files go (default: preview/<journeyId>/<customerId>/)
  --journeys DIR      the journeys folder (default: journeys)
  --help              this text

Exit status: 0 every message rendered, 1 nothing to preview or a message failed (the reason is
printed), 2 usage.`;

const shippedFont = join(import.meta.dirname, '..', '..', 'journeys', 'assets', 'fonts', 'NotoSansSC-Regular.ttf');

/**
 * Runs `npm run preview` with these arguments: prints the listing (or the reason there is none)
 * and answers the exit status.
 */
export async function runPreview(argv: string[]): Promise<number> {
  const parsed = readCommandLine(
    argv,
    { customer: { type: 'string' }, date: { type: 'string' }, out: { type: 'string' }, journeys: { type: 'string', default: 'journeys' } },
    usage,
    { positionals: true },
  );
  if (typeof parsed === 'number') return parsed;
  // Festival dates (Spring Festival, Mid-Autumn) come from the lunar calendar library.
  useLunarCalendar(lunarJavascriptCalendar);
  const [journeyId, ...extra] = parsed.positionals;
  if (!journeyId || extra.length > 0) {
    console.error(`Give exactly one journey id.\n\n${usage}`);
    return 2;
  }
  const { customer: customerOption, date: dateOption, out, journeys: journeysDir } = parsed.values;
  if (dateOption !== undefined && !CalendarDateString.safeParse(dateOption).success) {
    console.error(`--date: expected a real date as YYYY-MM-DD, got "${dateOption}"`);
    return 2;
  }

  const config = await loadConfig(journeysDir);
  if (typeof config === 'number') return config;
  const journey = config.journeys.find((each) => each.id === journeyId);
  if (!journey) {
    const known = config.journeys.map((each) => each.id).sort();
    console.error(`Unknown journey "${journeyId}" in ${journeysDir}. Known journeys: ${known.join(', ')}`);
    return 1;
  }

  const now = new Date();
  const dateOf = (timeZone: string) => dateOption ?? localMomentIn(now, timeZone).date;
  const demo = generateDemoData();
  const chosen: CustomerChoice =
    customerOption === undefined
      ? sampleCustomer(journey, demo, dateOf)
      : existsSync(customerOption) || /\.jsonl?$/.test(customerOption)
        ? // Checked as an import checks a line: nothing after the latest date current anywhere.
          await customerFromFile(customerOption, datesCurrentAnywhere(now).at(-1)!, demo)
        : demoCustomer(customerOption, demo);
  if (!chosen.ok) {
    console.error(chosen.error);
    return 1;
  }
  const { context, brands, source } = chosen;
  const date = dateOf(context.customer.timeZone);

  const journeyFolder = resolve(journeysDir);
  const font = existsSync(join(journeyFolder, 'assets', 'fonts', 'NotoSansSC-Regular.ttf')) ? join(journeyFolder, 'assets', 'fonts', 'NotoSansSC-Regular.ttf') : shippedFont;
  const renderer = createPdfPrintRenderer(font);
  let messages;
  try {
    messages = await previewJourney({ journey, templates: config.templates, context, date, brands: brandsOf(brands) }, { renderPdf: (piece) => renderer.renderPrintPiece(piece) });
  } catch (error) {
    if (!(error instanceof NoOccurrenceError)) throw error;
    console.error(`Nothing to preview: ${error.message}`);
    return 1;
  }

  const outDir = out ?? join('preview', journey.id, context.customer.id);
  // The default folder is the preview's own: last time's files of steps since removed must go.
  if (out === undefined) await rm(outDir, { recursive: true, force: true });
  const occurrence = messages[0]!.occurrence;
  const facts = Object.entries(occurrence.facts).map(([name, value]) => `${name} ${value}`);
  const header = [
    `Preview of journey "${journey.id}" (${journey.name}) for ${source}`,
    `Previewed for ${date}${dateOption ? '' : " (today in the customer's time zone)"}: the occurrence on ${occurrence.date} (key ${occurrence.key})${facts.length > 0 ? `, ${facts.join(', ')}` : ''}`,
  ];
  const listing = await writePreview(outDir, header, messages);
  console.log(listing.join('\n'));
  console.log(`Written to ${outDir}/ (listing.txt, preview.json and the files above)`);
  return messages.every((message) => message.ok) ? 0 : 1;
}

/** The journeys folder checked as start-up checks it, or the exit status once the problem is printed. */
async function loadConfig(journeysDir: string): Promise<JourneyConfig | number> {
  if (!existsSync(journeysDir)) {
    console.error(`No journeys folder: ${journeysDir}`);
    return 2;
  }
  try {
    return await loadJourneyConfig(resolve(journeysDir));
  } catch (error) {
    if (!(error instanceof JourneyConfigError)) throw error;
    console.error(violationReport(error.violations, journeysDir));
    return 1;
  }
}
