/**
 * What the marketer console reads per page, at one size of the demo data (`npx tsx
 * bench/console-reads.ts [customers, default 1200]`; run it at two sizes to compare: the
 * handlers read their environment once per process, as a cold start does): DynamoDB requests by operation for each
 * page as a dealer and as a brand (no Scan, and no more requests with more customers: the
 * outcome counters are read per dealer and day, customers by key), and the calendar job's CPU time,
 * which does grow with customers (it runs off the request path). In a fresh in-memory local stack: seeded, filed in the due index, 2026-03-14 replayed and dispatched, the job run once.
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
import { queryAll } from '../shared/adapters/dynamodb/query-all';
import { attr, dueIndexPartition, dueIndexShards, heldMessageSortKeyPrefix, occurrenceSortKeyPrefix, openOccurrenceIndex } from '../shared/adapters/dynamodb/keys';
import { addDays } from '../shared/domain/dates';

const sizes = [Number(process.argv[2] ?? 1200)];
const date = '2026-03-14';
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
    console.log(`  billed: one Scan of the table evaluates ${passUnits} RRU; the job scans it once (before: twice, plus ${size} Queries of at least 0.5 RRU)`);
    // The cheaper read considered (docs/cost.md): the due index's entries of the 90 days ahead (they
    // carry the record), then each customer found's recent ledger (HELD# to OCC#) by a Query.
    const dueTraffic = meterDynamoTraffic(engine.stack.ports.dynamodb);
    const found = new Set<string>();
    for (let day = 0; day < 90; day++) {
      for (let shard = 0; shard < dueIndexShards; shard++) {
        const entries = await queryAll(engine.dynamo, { TableName: engine.tableName, IndexName: openOccurrenceIndex, KeyConditionExpression: '#pk = :pk', ExpressionAttributeNames: { '#pk': attr.gsi1pk }, ExpressionAttributeValues: { ':pk': dueIndexPartition(addDays(date, day), shard) } });
        for (const entry of entries) found.add(String(entry[attr.pk]));
      }
    }
    const dueReads = totalOf(dueTraffic.take());
    for (const partition of found) {
      await queryAll(engine.dynamo, { TableName: engine.tableName, KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to', ExpressionAttributeNames: { '#pk': attr.pk, '#sk': attr.sk }, ExpressionAttributeValues: { ':pk': partition, ':from': heldMessageSortKeyPrefix, ':to': `${occurrenceSortKeyPrefix}~` } });
    }
    const ledgerReads = totalOf(dueTraffic.take());
    dueTraffic.stop();
    console.log(
      `  instead, the due index of the 90 days ahead: ${dueReads.requests} Queries, ${found.size} of ${size} customers found, ${dueReads.readUnits} RRU; their ledgers by Query: ${ledgerReads.requests} requests, ${ledgerReads.readUnits} RRU; in all ${dueReads.readUnits + ledgerReads.readUnits} RRU (per customer ${((dueReads.readUnits + ledgerReads.readUnits) / size).toFixed(3)}; the Scan ${(passUnits / size).toFixed(3)})`,
    );

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
