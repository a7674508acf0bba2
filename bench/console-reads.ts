/**
 * What the marketer console reads per page, at one size of the demo data (`npx tsx
 * bench/console-reads.ts [customers, default 1200] [rounds of the calendar's two reads, default 3]`; run it at two sizes to compare: the
 * handlers read their environment once per process, as a cold start does): DynamoDB requests by operation for each
 * page as a dealer and as a brand (no Scan, and no more requests with more customers: the
 * outcome counters are read per dealer and day, customers by key), and the calendar job's CPU time,
 * which does grow with customers (it runs off the request path), and its read through the due
 * index against the Scan it falls back on. In a fresh in-memory local stack: seeded, filed in the due index, 2026-03-14 replayed and dispatched, the job run once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { ScanCommand } from '../shared/adapters/dynamodb/document-client';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateDemoData } from '../local/demo-data';
import { httpApiEvent, lambdaContext, withJwtClaims } from '../local/lambda-events';
import { startLocalEngine } from '../local/local-engine';
import { recomputeForDate } from '../local/recompute';
import { drainQueue, evaluateDate } from '../local/run-day';
import { seedDemoData } from '../local/seed';
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { consoleTenantClaim } from '../shared/domain/tenant';
import { cleanUpAll, onCleanup } from './cleanup';
import { countRequests } from './request-counter';
import { meterDynamoTraffic, totalOf } from './dynamo-traffic';
import { createDynamoConsoleSlice } from '../shared/adapters/dynamodb/console-slice';
import { createDueIndexConsoleSlice } from '../shared/adapters/dynamodb/due-index-console-slice';
import { dueDatesFingerprint } from '../shared/domain/journey/due-dates';
import { calendarDueDates } from '../shared/use-cases/console-calendar-job';
import { handledLookbackDays } from '../shared/use-cases/console-snapshot';
import { addDays } from '../shared/domain/dates';

const sizes = [Number(process.argv[2] ?? 1200)];
const rounds = Number(process.argv[3] ?? 3);
const date = '2026-03-14';
// The calendar's clock for the two reads compared: early on the replayed date.
const now = new Date(`${date}T06:00:00Z`);
const { journeys } = await loadJourneyConfig('journeys');
const cpuMs = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return Math.round((used.user + used.system) / 1000);
};

try {
  for (const size of sizes) {
    const dataDir = await mkdtemp(join(tmpdir(), 'console-reads-'));
    const engine = await startLocalEngine({ ports: { dynamodb: 0, sqs: 0, ses: 0 }, dataDir, persistDynamo: false, logLevel: 'ERROR' });
    onCleanup(async () => {
      await engine.stop();
      await rm(dataDir, { recursive: true, force: true });
    });
    const demo = generateDemoData(size);
    await seedDemoData(engine.dynamo, engine.tableName, demo);
    await recomputeForDate(engine.dynamo, engine.tableName, { journeys, date }, () => undefined);
    await evaluateDate(engine.handlers.evaluate, date);
    await drainQueue(engine.sqs, engine.queueUrl, engine.handlers.dispatch);
    const jobTraffic = meterDynamoTraffic(engine.stack.ports.dynamodb);
    const jobStart = process.cpuUsage();
    const job = await engine.handlers.calendar({}, lambdaContext('console-calendar'));
    console.log(`${size} customers: calendar job ${cpuMs(jobStart)} ms CPU (${job.customers} customers, ${job.tenants} tenants, ${job.sends} simulated sends)`);
    const reads = jobTraffic.take();
    jobTraffic.stop();
    const readsBy = [...reads].map(([operation, traffic]) => `${operation} ${traffic.requests} (${traffic.itemsRead} items, ${traffic.readUnits} RRU)`).join(', ');
    console.log(`  calendar job reads: ${readsBy}; in all ${totalOf(reads).requests} requests, ${totalOf(reads).readUnits} RRU (estimated from the bytes returned)`);
    // What DynamoDB bills a Scan: every item it evaluates, whatever its filter keeps (dynalite reports it when asked).
    let passUnits = 0;
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await engine.dynamo.send(new ScanCommand({ TableName: engine.tableName, Select: 'COUNT', ReturnConsumedCapacity: 'TOTAL', ExclusiveStartKey: startKey }));
      passUnits += page.ConsumedCapacity?.CapacityUnits ?? 0;
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    console.log(`  billed: one Scan of the table evaluates ${passUnits} RRU (the job's read while the due dates are recomputed)`);
    // The job's two reads of the same table, alternated (A, B, A, B, ...) so the machine's other
    // load falls on both alike: CPU of this process (client and dynalite share it), requests and
    // the read units the meter estimates from the bytes returned (a Scan is billed more: above).
    const handledFrom = addDays(date, -handledLookbackDays);
    const sliceReads = {
      scan: () => createDynamoConsoleSlice(engine.dynamo, engine.tableName).read(handledFrom),
      'due index': () => createDueIndexConsoleSlice(engine.dynamo, engine.tableName, { fingerprint: dueDatesFingerprint(journeys), dueDates: calendarDueDates(now), slice: { index: 0, of: 1 } }).read(handledFrom),
    };
    const measured = new Map<string, { cpu: number[]; line: string }>();
    for (let round = 0; round < rounds; round++) {
      for (const [name, read] of Object.entries(sliceReads)) {
        const meter = meterDynamoTraffic(engine.stack.ports.dynamodb);
        const start = process.cpuUsage();
        const contents = await read();
        const cpu = cpuMs(start);
        const traffic = meter.take();
        meter.stop();
        const entry = measured.get(name) ?? { cpu: [], line: '' };
        entry.cpu.push(cpu);
        entry.line = `${contents.customers.length} customers, ${contents.handled.length} handled, ${contents.held.length} held; ${[...traffic].map(([operation, one]) => `${operation} ${one.requests}`).join(', ')}; ${totalOf(traffic).readUnits} RRU estimated`;
        measured.set(name, entry);
      }
    }
    for (const [name, { cpu, line }] of measured) console.log(`  ${name.padEnd(9)} read: ${cpu.join(' / ')} ms CPU (${rounds} runs alternated); ${line}`);

    const dealer = demo.dealers[0]!;
    const pages = ['/v1/console/journeys', '/v1/console/journeys/birthday', '/v1/console/health', '/v1/console/calendar', `/v1/console/calendar/${date}`, `/v1/console/customers/${demo.customers[0]!.customer.id}`];
    for (const tenant of [`dealer:${dealer.id}`, `brand:${dealer.brandId}`]) {
      for (const path of pages) {
        const counter = countRequests(engine.stack.ports);
        const start = process.cpuUsage();
        const event = withJwtClaims(httpApiEvent({ method: 'GET', path, headers: {}, sourceIp: '127.0.0.1' }), { [consoleTenantClaim]: tenant, sub: 'bench' });
        const answer = await engine.handlers.console(event, lambdaContext('console-api'));
        const spent = cpuMs(start);
        counter.stop();
        const operations = [...(counter.counts().get('start-up') ?? new Map<string, number>())].map(([operation, count]) => `${operation.replace('DynamoDB ', '')} ${count}`).join(', ');
        const status = typeof answer === 'string' ? 200 : answer.statusCode;
        console.log(`  ${tenant.padEnd(18)} ${path.padEnd(44)} ${status} ${String(spent).padStart(5)} ms CPU  ${operations || 'no table request'}`);
      }
    }
    await cleanUpAll();
  }
} finally {
  await cleanUpAll();
}
