import type { IsoDate } from '../shared/domain/dates';
import type { SimulatedSend } from '../shared/domain/simulated-send';

export interface SimulationReportInput {
  sends: SimulatedSend[];
  baseline?: SimulatedSend[];
  period: { from: IsoDate; to: IsoDate };
}

/**
 * Writes `<out>/report.html` from the simulated sends and returns its path, or undefined while
 * there is no report to write. The report itself (`simulationReportHtml`) is built apart, in
 * `shared/reports/`; this is the one place `simulate` calls it.
 */
export async function writeSimulationReport(_out: string, _input: SimulationReportInput): Promise<string | undefined> {
  return undefined;
}
