/// <reference lib="dom" />
/**
 * The report page's own script, bundled into the page by `page-script.ts`: draws the charts with
 * the Chart.js inlined before it and answers the customer lookups. Everything it shows from the
 * data goes in as text (`textContent`), never as HTML.
 */
import type { Chart as ChartClass } from 'chart.js';
import { decodeCustomerRows, type EncodedCustomerRows } from '../customer-rows';
import { reportDataElementId, type ChartSpec, type LookupSpec, type ReportPageData } from './page-data';

// The UMD build inlined before this script defines it, with every chart type registered.
declare const Chart: typeof ChartClass;

const data = JSON.parse(document.getElementById(reportDataElementId)!.textContent!) as ReportPageData;

function drawChart(spec: ChartSpec): void {
  const canvas = document.getElementById(spec.canvasId) as HTMLCanvasElement | null;
  if (!canvas) return;
  new Chart(canvas, {
    type: 'bar',
    data: {
      labels: spec.labels,
      datasets: spec.datasets.map((dataset) => ({ label: dataset.label, data: dataset.data, backgroundColor: dataset.color, borderWidth: 0 })),
    },
    options: {
      // Drawn at once: a year of bars animating is slow, and a test or a print sees it finished.
      animation: false,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: spec.stacked, title: { display: true, text: spec.xTitle } },
        y: { stacked: spec.stacked, beginAtZero: true, title: { display: true, text: spec.yTitle } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

interface LoadedRows {
  encoded: EncodedCustomerRows;
  indexOf: Map<string, number>;
}

async function loadRows(elementId: string): Promise<LoadedRows> {
  const base64 = document.getElementById(elementId)!.textContent!.trim();
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  const text = await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).text();
  const encoded = JSON.parse(text) as EncodedCustomerRows;
  return { encoded, indexOf: new Map(encoded.customers.map((id, index) => [id, index])) };
}

function cell(row: HTMLTableRowElement, text: string, tag: 'td' | 'th' = 'td'): void {
  const element = document.createElement(tag);
  element.textContent = text;
  if (tag === 'th') element.scope = 'col';
  row.append(element);
}

function showRows(output: HTMLElement, spec: LookupSpec, customerId: string, rows: LoadedRows): void {
  output.replaceChildren();
  if (customerId === '') return;
  const index = rows.indexOf.get(customerId);
  if (index === undefined) {
    const message = document.createElement('p');
    message.textContent = `No ${spec.noun} for customer ${customerId} in this simulation.`;
    output.append(message);
    return;
  }
  const decoded = decodeCustomerRows(rows.encoded, index);
  const table = document.createElement('table');
  const caption = table.createCaption();
  caption.textContent = `${decoded.length} ${spec.noun} for customer ${customerId}`;
  const head = table.createTHead().insertRow();
  for (const heading of ['Date', 'Time', 'Journey', 'Message', 'Channel', ...spec.cellColumns]) cell(head, heading, 'th');
  const body = table.createTBody();
  for (const row of decoded) {
    const line = body.insertRow();
    for (const text of [row.localDate, row.localTime, row.journeyId, row.messageId, row.channel, ...row.cells]) cell(line, text);
  }
  output.append(table);
}

function wireLookup(spec: LookupSpec): void {
  const form = document.getElementById(spec.formId) as HTMLFormElement | null;
  const input = document.getElementById(spec.inputId) as HTMLInputElement | null;
  const output = document.getElementById(spec.outputId);
  if (!form || !input || !output) return;
  let loaded: Promise<LoadedRows> | undefined;
  const lookUp = async () => {
    loaded ??= loadRows(spec.rowsElementId);
    const rows = await loaded;
    // The field may have changed while the rows loaded: show what it says now.
    showRows(output, spec, input.value.trim(), rows);
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void lookUp();
  });
  input.addEventListener('input', () => void lookUp());
  // Buttons naming a customer (the affected customers' list) fill in the lookup.
  for (const button of document.querySelectorAll<HTMLButtonElement>(`button[data-lookup="${spec.inputId}"]`)) {
    button.addEventListener('click', () => {
      input.value = button.dataset.customer ?? '';
      input.focus();
      void lookUp();
    });
  }
}

for (const spec of data.charts) drawChart(spec);
for (const spec of data.lookups) wireLookup(spec);
