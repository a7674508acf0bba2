/**
 * Section 6 of the bench, the AWS cost per month at 1 million customers: its inputs from the
 * other sections' figures (as `npm run bench` measures them, or as `bench/results/latest.json`
 * holds them) and the measured item sizes, and its table.
 *
 * Runnable alone, from the committed figures: `npx tsx bench/cost-section.ts [--customers N]
 * [--scale N,N]` measures the item sizes afresh (`bench/item-sizes.ts`, N demo customers, 2,000
 * by default), prices the month with the traffic `latest.json` recorded (or, with `--scale`, with
 * section 5 measured again at those sizes: its updates counted by class, which older figures lack),
 * prints the table and leaves the file as it is.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateDemoData } from '../local/demo-data';
import { customerItem, vehicleItem } from '../shared/adapters/dynamodb/customer-items';
import type { BundleFigures, StackCounts } from './bundles';
import { cleanUpAll } from './cleanup';
import { costPerMonth, prices, storedBytes, type CostInputs, type CostModel } from './cost-model';
import { benchDynamoScaling, type ScalingRow } from './dynamo-scaling';
import type { EndToEndResult } from './end-to-end';
import { formatTable, num, type Table } from './format';
import { itemSizesTable, measureItemSizes, type ItemSizes } from './item-sizes';
import type { PrintResult } from './print-cards';
import type { SimulationRow } from './simulation';

/** The figures of the other sections the cost model prices, as `latest.json` holds them. */
export interface CostFigures {
  scaling: ScalingRow[];
  stack: StackCounts;
  bundles: Pick<BundleFigures, 'service' | 'memoryMb'>[];
  endToEnd: Pick<EndToEndResult, 'drain' | 'channels'>;
  print: Pick<PrintResult, 'rows'>;
  simulation: Pick<SimulationRow, 'runMs' | 'customers' | 'days'>[];
  itemSizes?: ItemSizes;
}

export function costInputsOf(figures: CostFigures): CostInputs {
  const memoryOf = (service: string) => figures.bundles.find((fn) => fn.service === service)?.memoryMb ?? 1024;
  const day = figures.endToEnd;
  const sentOn = (channel: string) => day.channels.find((entry) => entry.channel === channel)?.sent ?? 0;
  const allSent = day.channels.reduce((total, entry) => total + entry.sent, 0);
  const sample = generateDemoData(1000).customers;
  const smallestSimulation = figures.simulation[0];
  return {
    scaling: figures.scaling,
    stack: figures.stack,
    memoryMb: { evaluate: memoryOf('evaluate-schedule'), dispatch: memoryOf('dispatch-messages'), reconcile: memoryOf('reconcile-ledger') },
    dispatchMsPerMessage: day.drain.ms / Math.max(1, day.drain.delivered),
    printShare: allSent > 0 ? sentOn('print') / allSent : 0,
    printFileBytes: figures.print.rows.reduce((total, row) => total + row.averageBytes, 0) / Math.max(1, figures.print.rows.length),
    // Without measured item sizes: DynamoDB counts 100 bytes of overhead per item; the profile is also on GSI1 (projection ALL).
    customerBytes:
      sample.reduce((total, { customer, vehicles }) => {
        const profile = JSON.stringify(customerItem(customer)).length + 100;
        return total + 2 * profile + vehicles.reduce((bytes, vehicle) => bytes + JSON.stringify(vehicleItem(customer.id, vehicle)).length + 100, 0);
      }, 0) / sample.length,
    ledgerItemBytes: 400 + 100,
    ledgerRetentionDays: 400,
    // The alarmed ones, published every run (the evaluation's hourly, the release's every 5 minutes); the other counts are log fields.
    hourlyMetrics: figures.stack.customMetrics,
    ...(smallestSimulation ? { simulationSecondsPerCustomerDay: smallestSimulation.runMs / 1000 / (smallestSimulation.customers * smallestSimulation.days) } : {}),
    ...(figures.itemSizes ? { itemSizes: figures.itemSizes } : {}),
  };
}

/** One section 5 row in a line: what a re-priced run measured, to compare with the committed rows. */
export function scalingRowLine(row: ScalingRow): string {
  const units = (traffic: ScalingRow['evaluationDay']) => `${num(traffic.readUnits, 1)} RRU, ${num(traffic.writeUnits)} WRU, ${num(traffic.requests)} requests`;
  const updates = (traffic: ScalingRow['evaluationDay']) => Object.entries(traffic.updates ?? {}).map(([kind, update]) => `${num(update.count)} ${kind}`).join(', ');
  return (
    `Section 5 at ${num(row.customers)} customers: ${num(row.due)} due, ${num(row.started)} started, ${num(row.messages)} messages; ` +
    `evaluation ${units(row.evaluationDay)} (${updates(row.evaluationDay)}); dispatch ${units(row.dispatchDay)} (${updates(row.dispatchDay)}); evaluation ${num(row.evaluationMs / 1000, 1)} s.`
  );
}

export function costTable(cost: CostModel): Table {
  const usd = (value: number) => `$${value < 0.01 ? value.toFixed(4) : value.toFixed(2)}`;
  return {
    title: `AWS cost per month at ${num(cost.customers)} customers, message fees excluded (${prices.region} list prices as of ${prices.asOf})`,
    headers: ['service', 'item', 'quantity', 'unit', 'USD / month', 'fixed'],
    rows: [
      ...cost.lines.map((entry) => [entry.service, entry.item, num(entry.quantity, entry.quantity < 100 ? 2 : 0), entry.unit, usd(entry.usd), entry.fixed ? 'fixed' : '']),
      ['total', `variable ${usd(cost.variableUsd)} + fixed ${usd(cost.fixedUsd)}`, '-', '-', usd(cost.totalUsd), ''],
    ],
    note: `Goal under ${usd(cost.goalUsd)}: ${cost.goalMet ? 'met' : 'not met'}. ${num(cost.usage.messagesPerMonth)} messages a month. Derivation: bench/cost-model.ts and docs/cost.md.`,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { customers: { type: 'string', default: '2000' }, date: { type: 'string' }, scale: { type: 'string' } } });
  const latest = JSON.parse(await readFile(new URL('./results/latest.json', import.meta.url), 'utf8')) as {
    settings: { date: string };
    dynamoScaling: { rows: ScalingRow[] };
    stack: StackCounts;
    bundles: BundleFigures[];
    endToEnd: EndToEndResult;
    print: PrintResult;
    simulation: SimulationRow[];
  };
  const date = values.date ?? latest.settings.date;
  const itemSizes = await measureItemSizes({ journeysDir: fileURLToPath(new URL('../journeys', import.meta.url)), customers: Number(values.customers), date });
  const sizes = values.scale?.split(',').map(Number);
  const scaling = sizes ? await benchDynamoScaling({ journeysDir: fileURLToPath(new URL('../journeys', import.meta.url)), baseCustomers: sizes[0]!, sizes, date }) : latest.dynamoScaling.rows;
  const figures = { scaling, stack: latest.stack, bundles: latest.bundles, endToEnd: latest.endToEnd, print: latest.print, simulation: latest.simulation };
  const before = costPerMonth(costInputsOf(figures));
  const after = costPerMonth(costInputsOf({ ...figures, itemSizes }));
  if (sizes) for (const row of scaling) console.log(scalingRowLine(row));
  console.log(formatTable(itemSizesTable(itemSizes)));
  console.log(formatTable(costTable(after)));
  const stored = storedBytes({ itemSizes })!;
  console.log(
    `Bytes stored per customer ${num(stored.perCustomer)} (table alone ${num(stored.perCustomerTable)}), per occurrence ${num(stored.perOccurrence)}, per message ${num(stored.perMessage)} (table alone ${num(stored.perMessageTable)}).`,
  );
  console.log(`With the measured item sizes: ${num(after.totalUsd, 2)} USD a month (storage modelled, updates as their requests counted: ${num(before.totalUsd, 2)}).`);
  await cleanUpAll();
  process.exit(0);
}
