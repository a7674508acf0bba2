/**
 * What the report's HTML hands its script (as JSON in the page): charts ready for Chart.js, and
 * the customer lookups, whose rows are a gzip of `EncodedCustomerRows` in base64 in another
 * element of the page.
 */
export interface ChartSpec {
  /** Id of the canvas. */
  canvasId: string;
  labels: string[];
  datasets: { label: string; data: number[]; color: string }[];
  stacked: boolean;
  /** Axis titles, read by screen readers with the chart's description too. */
  xTitle: string;
  yTitle: string;
}

export interface LookupSpec {
  formId: string;
  inputId: string;
  outputId: string;
  /** Id of the element holding the gzipped, base64 rows. */
  rowsElementId: string;
  /** Headings of the row's `cells`, after date, time, journey, message and channel. */
  cellColumns: string[];
  /** What a row is, for the caption: "sends" or "changed sends". */
  noun: string;
}

export interface ReportPageData {
  charts: ChartSpec[];
  lookups: LookupSpec[];
}

export const reportDataElementId = 'report-data';
