/**
 * Builds an import file for the acceptance check of `npm run import`: one dealer, `customers`
 * valid customers born on one month-day in several time zones, and three bad lines (invalid JSON,
 * a birth date that does not exist, an unknown dealer) at lines reported in `rejectedLines`.
 *
 * `npx tsx scripts/import-sample.ts [out.jsonl] [count] [MM-DD]` writes it (default
 * `.local/import-sample.jsonl`, 300, 03-14); tests call {@link importSampleLines}.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';

const consent = { granted: true, source: 'sample-import', at: '2025-01-15T10:00:00Z' };
const zones = ['Europe/London', 'Asia/Shanghai', 'Australia/Sydney', 'America/New_York', 'Pacific/Auckland'];

export interface ImportSample {
  lines: string[];
  /** 1-based line numbers of the bad lines, in order. */
  rejectedLines: number[];
  /** Ids of the valid customers; each has email consent. */
  customerIds: string[];
}

export function importSampleLines(count = 300, monthDay = '03-14'): ImportSample {
  const lines = [
    JSON.stringify({
      dealer: {
        id: 'sample-dealer',
        name: 'Sample Motors',
        timeZone: 'Europe/London',
        phone: '+44 20 7946 0000',
        email: 'service@sample-motors.example',
        address: { lines: ['1 Sample Road'], postcode: 'SW1A 1AA', city: 'London', country: 'GB' },
      },
    }),
  ];
  const customerIds: string[] = [];
  for (let index = 1; index <= count; index += 1) {
    const id = `sample-${String(index).padStart(4, '0')}`;
    customerIds.push(id);
    const zh = index % 7 === 0;
    lines.push(
      JSON.stringify({
        customer: {
          id,
          dealerId: 'sample-dealer',
          firstName: zh ? '敏' : 'Sam',
          lastName: zh ? '李' : `Sample${index}`,
          locale: zh ? 'zh-CN' : 'en',
          timeZone: zones[index % zones.length],
          birthDate: `${1940 + (index % 66)}-${monthDay}`,
          email: `${id}@example.com`,
          consent: { email: consent },
        },
        vehicles: index % 10 === 0 ? [{ vin: `WBA11AA01${String(index).padStart(8, '0')}`, brand: 'BMW', model: 'X1', deliveredOn: '2024-02-01' }] : [],
      }),
    );
  }
  const bad = [
    '{"customer": {"id": "sample-bad-json", ',
    JSON.stringify({ customer: { id: 'sample-bad-date', dealerId: 'sample-dealer', firstName: 'No', lastName: 'Day', locale: 'en', timeZone: 'Europe/London', birthDate: '1980-02-30' } }),
    JSON.stringify({ customer: { id: 'sample-bad-dealer', dealerId: 'no-such-dealer', firstName: 'No', lastName: 'Dealer', locale: 'en', timeZone: 'Europe/London', birthDate: `1980-${monthDay}` } }),
  ];
  // Spread through the file, so a bad line in the middle of a batch is shown not to hold it up.
  const rejectedLines: number[] = [];
  bad.forEach((line, index) => {
    const at = Math.min(lines.length, Math.floor(((index + 1) * lines.length) / 4));
    lines.splice(at, 0, line);
    rejectedLines.push(at + 1);
  });
  return { lines, rejectedLines, customerIds };
}

export async function writeImportSample(path: string, count?: number, monthDay?: string): Promise<ImportSample> {
  const sample = importSampleLines(count, monthDay);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${sample.lines.join('\n')}\n`);
  return sample;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [path = '.local/import-sample.jsonl', count = '300', monthDay = '03-14'] = process.argv.slice(2);
  const sample = await writeImportSample(path, Number(count), monthDay);
  console.log(`wrote ${path}: ${sample.customerIds.length} valid customers born on ${monthDay}, bad lines ${sample.rejectedLines.join(', ')}`);
}
