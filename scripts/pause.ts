/**
 * `npm run pause` / `npm run resume`: the switch that stops promotional email (or another channel
 * and category) for everyone, read by every dispatcher within half a minute. An SES reputation
 * alarm sets the same switch; only a person resumes. Local by default (the `.local` data of
 * `npm start`, which must not be running on it); `--table` for a deployed table with your AWS
 * credentials.
 */
import { readCommandLine } from './command-line';
import { createDynamoSendingPauses } from '../shared/adapters/dynamodb/sending-pauses';
import { ConsentChannel } from '../shared/domain/customer';
import { JourneyCategory } from '../shared/domain/journey/schema';
import { cliDocumentClient, onEngineTable } from '../local/local-table';

const usage = `Usage: npm run pause -- [options]      stop sending (default: promotional email)
       npm run resume -- [options]     send again
       npx tsx scripts/pause.ts status [options]

  --channel email|sms|print           default email
  --category promotional|service|transactional   default promotional
  --reason TEXT                       why (pause only; shown in each skipped send's history), default manual
  --data-dir PATH                     local state folder, as for npm start (default: .local); stop npm start first
  --table NAME                        a deployed DynamoDB table, with your AWS credentials, instead
  --help                              this text`;

async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(
    argv,
    {
      channel: { type: 'string', default: 'email' },
      category: { type: 'string', default: 'promotional' },
      reason: { type: 'string', default: 'manual' },
      'data-dir': { type: 'string', default: '.local' },
      table: { type: 'string' },
    },
    usage,
    { positionals: true },
  );
  if (typeof parsed === 'number') return parsed;
  const [command, ...rest] = parsed.positionals;
  const channel = ConsentChannel.safeParse(parsed.values.channel);
  const category = JourneyCategory.safeParse(parsed.values.category);
  if (!['pause', 'resume', 'status'].includes(command ?? '') || rest.length > 0 || !channel.success || !category.success) {
    console.error(usage);
    return 2;
  }
  return onEngineTable('pause', { table: parsed.values.table, dataDir: parsed.values['data-dir'] }, async ({ tableName }) => {
    const pauses = createDynamoSendingPauses(cliDocumentClient(), tableName);
    const what = `${category.data} ${channel.data}`;
    if (command === 'pause') {
      const paused = await pauses.pause({ channel: channel.data, category: category.data, reason: parsed.values.reason, source: 'npm run pause', at: new Date().toISOString() });
      console.log(paused ? `Paused ${what}; dispatchers stop within 30 seconds. Resume with npm run resume.` : `${what} was already paused.`);
    } else if (command === 'resume') {
      const resumed = await pauses.resume(channel.data, category.data);
      console.log(resumed ? `Resumed ${what}; dispatchers send again within 30 seconds.` : `${what} was not paused.`);
    } else {
      const active = await pauses.activePauses();
      console.log(active.length === 0 ? 'Nothing is paused.' : active.map((pause) => `${pause.category} ${pause.channel}: paused ${pause.at} by ${pause.source} (${pause.reason})`).join('\n'));
    }
    return 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
