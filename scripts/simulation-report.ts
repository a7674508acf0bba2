import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { IsoDate } from '../shared/domain/dates';
import type { SimulatedSend } from '../shared/domain/simulated-send';
import { simulationReportHtml, type ReportJourney } from '../shared/reports/simulation-report';

/** Sends the report reads a few times over (see `jsonLinesOf`), and how many there are. */
export interface ReportedSends {
  sends: Iterable<SimulatedSend>;
  count: number;
}

export interface SimulationReportInput {
  current: ReportedSends;
  baseline?: ReportedSends;
  period: { from: IsoDate; to: IsoDate };
  /** The journeys simulated, in their order: their names, and those that sent nothing. */
  journeys?: ReportJourney[];
}

/**
 * Writes `<out>/report.html` from the simulated sends and returns its path. The report itself
 * (`simulationReportHtml`) is built apart, in `shared/reports/`; this is the one place `simulate`
 * calls it.
 */
export async function writeSimulationReport(out: string, input: SimulationReportInput): Promise<string> {
  const path = join(out, 'report.html');
  // A year of 100,000 customers takes some seconds to count and encode: say what is going on.
  process.stderr.write(`Writing ${path} (${input.current.count} sends${input.baseline ? `, ${input.baseline.count} in the baseline` : ''})\n`);
  const html = simulationReportHtml({
    sends: input.current.sends,
    ...(input.baseline ? { baseline: input.baseline.sends } : {}),
    from: input.period.from,
    to: input.period.to,
    ...(input.journeys ? { journeys: input.journeys } : {}),
    generatedAt: new Date(),
  });
  await writeFile(path, html);
  return path;
}
