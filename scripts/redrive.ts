/**
 * `npm run redrive -- events | dispatch`: moves the messages of a dead-letter queue back to its
 * source queue and prints the counts. Locally it works on the queues of a running `npm start`
 * (its SQS server lives in that process); with `--queue-url` and `--dlq-url` on any queues, e.g.
 * a deployed stack's, with your AWS credentials.
 */
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { redriveQueue } from '../shared/adapters/sqs/redrive';
import { dispatchQueue, eventsQueue } from '../shared/resources/queues';
import { readCommandLine } from './command-line';

const usage = `Usage: npm run redrive -- <events | dispatch> [options]
       npm run redrive -- --queue-url <url> --dlq-url <url>

  events      the dealer events' dead-letter queue back to the events queue
  dispatch    the dispatch dead-letter queue back to the dispatch queue
              (both on the SQS server of a running npm start)

  --sqs-port N       the local SQS port of npm start (default 9324)
  --queue-url URL    the source queue (e.g. the EventsQueueUrl or DispatchQueueUrl output)
  --dlq-url URL      its dead-letter queue; with your AWS credentials
  --help             this text

Exit status: 0 all moved, 1 some left in the dead-letter queue, 2 usage or connection error.`;

const localQueues = { events: eventsQueue, dispatch: dispatchQueue } as const;

async function queueUrls(client: SQSClient, which: keyof typeof localQueues): Promise<{ queueUrl: string; deadLetterUrl: string }> {
  const definition = localQueues[which];
  const [queue, deadLetter] = await Promise.all([definition.localName, definition.deadLetter.localName].map((QueueName) => client.send(new GetQueueUrlCommand({ QueueName }))));
  return { queueUrl: queue!.QueueUrl!, deadLetterUrl: deadLetter!.QueueUrl! };
}

async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(argv, { 'sqs-port': { type: 'string', default: '9324' }, 'queue-url': { type: 'string' }, 'dlq-url': { type: 'string' } }, usage, { positionals: true });
  if (typeof parsed === 'number') return parsed;
  const { 'queue-url': queueUrl, 'dlq-url': deadLetterUrl } = parsed.values;
  const [which, ...rest] = parsed.positionals;
  const remote = queueUrl !== undefined || deadLetterUrl !== undefined;
  if (rest.length > 0 || (remote ? which !== undefined || !queueUrl || !deadLetterUrl : which !== 'events' && which !== 'dispatch')) {
    console.error(usage);
    return 2;
  }
  const port = Number(parsed.values['sqs-port']);
  const client = remote ? new SQSClient({}) : new SQSClient({ endpoint: `http://127.0.0.1:${port}`, region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  try {
    const urls = remote ? { queueUrl: queueUrl!, deadLetterUrl: deadLetterUrl! } : await queueUrls(client, which as keyof typeof localQueues);
    const counts = await redriveQueue(client, { ...urls, onBatch: ({ moved }) => process.stdout.write(`\rMoved ${moved}`) });
    console.log(`\rMoved ${counts.moved} message${counts.moved === 1 ? '' : 's'} from ${urls.deadLetterUrl} to ${urls.queueUrl}${counts.failed > 0 ? `; ${counts.failed} refused, left in the dead-letter queue` : ''}.`);
    return counts.failed > 0 ? 1 : 0;
  } catch (error) {
    const hint = remote ? '' : ` Is npm start running with its SQS on port ${port}? (--sqs-port)`;
    console.error(`Redrive failed: ${(error as Error).message}.${hint}`);
    return 2;
  } finally {
    client.destroy();
  }
}

process.exitCode = await main(process.argv.slice(2));
