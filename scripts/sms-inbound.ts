/**
 * `npm run sms-inbound -- --from <E.164> --text <text>`: feeds one inbound SMS to the feedback
 * function's handler, as End User Messaging two-way SMS delivers it through SNS. STOP (and the
 * other opt-out keywords) stops SMS to every customer with that number; START resumes them.
 * Local by default (the `.local` data of `npm start`, which must not be running on it); `--table`
 * works on a deployed table and the account's SMS opt-out list with your AWS credentials.
 */
import { join, resolve } from 'node:path';
import { readCommandLine } from './command-line';
import { openLocalTable } from '../local/local-table';
import { lambdaContext, snsEvent } from '../local/lambda-events';
import type { LocalStack } from '../local/servers';

const usage = `Usage: npm run sms-inbound -- --from <E.164 number> --text <message text>

  --from NUMBER     the customer's number, e.g. +447911123456
  --text TEXT       what they sent: STOP, UNSUBSCRIBE, CANCEL, END, QUIT, TD or 退订 stop SMS; START or UNSTOP resume them
  --data-dir PATH   local state folder, as for npm start (default: .local); stop npm start first
  --table NAME      a deployed DynamoDB table (and the account's SMS opt-out list), with your AWS credentials
  --help            this text`;

async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(argv, { from: { type: 'string' }, text: { type: 'string' }, 'data-dir': { type: 'string', default: '.local' }, table: { type: 'string' } }, usage, { positionals: false });
  if (typeof parsed === 'number') return parsed;
  const { from, text, table } = parsed.values;
  if (!from || text === undefined) {
    console.error(usage);
    return 2;
  }
  let stack: LocalStack | undefined;
  try {
    if (table === undefined) {
      const opened = await openLocalTable(parsed.values['data-dir']);
      stack = opened.stack;
      Object.assign(process.env, { TABLE_NAME: opened.tableName, SMS_MODE: 'outbox', SMS_OPT_OUT_OUTBOX_PATH: join(resolve(opened.dataDir), 'sms-opt-outs.jsonl') });
    } else {
      Object.assign(process.env, { TABLE_NAME: table, SMS_MODE: 'aws' });
    }
    Object.assign(process.env, { POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN', POWERTOOLS_DEV: 'true' });
    // Imported only now: the handler reads its configuration at module load, like a cold start.
    const { handler } = await import('../functions/feedback/handler');
    const payload = { originationNumber: from, destinationNumber: '+10000000000', messageKeyword: 'KEYWORD', messageBody: text, inboundMessageId: `local-${Date.now()}` };
    const result = (await handler(snsEvent(payload, 'arn:aws:sns:local:000000000000:sms-inbound'), lambdaContext('feedback'))) as { outcomes: string[] };
    const outcome = result.outcomes[0];
    const said: Record<string, string> = {
      'sms.opt-out': `SMS stopped for ${from}.`,
      'sms.opt-in': `SMS resumed for ${from}.`,
      'sms.ignored.no-keyword': 'Not an opt-out or opt-in keyword: nothing changed.',
      'sms.ignored.invalid-number': `${from} is not a valid phone number: nothing changed.`,
    };
    console.log(said[outcome ?? ''] ?? `Outcome: ${outcome}`);
    return outcome?.startsWith('sms.ignored.invalid') ? 1 : 0;
  } catch (error) {
    console.error(`sms-inbound failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await stack?.stop();
  }
}

process.exitCode = await main(process.argv.slice(2));
