import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '../shared/adapters/dynamodb/document-client';
import { ensureTable } from './bootstrap';
import { localAwsEnvironment, startLocalStack, type LocalStack } from './servers';

/**
 * Opens the engine table of a local data folder for a command-line tool (`npm run import`,
 * `npm run keys`): the local servers on free ports over the folder's DynamoDB files, the process's
 * AWS environment pointed at them, the table created if missing. Free ports, because nothing here
 * is reached from outside; a running `npm start` on the same folder holds its LevelDB lock instead,
 * which is reported as such. Stop the returned stack when done.
 */
export async function openLocalTable(dataDirOption: string): Promise<{ stack: LocalStack; tableName: string; dataDir: string }> {
  const dataDir = resolve(dataDirOption);
  const dynamodbPath = join(dataDir, 'dynamodb');
  await mkdir(dynamodbPath, { recursive: true });
  const stack = await startLocalStack({ ports: { dynamodb: 0, sqs: 0, ses: 0 }, dynamodbPath }).catch((error: unknown) => {
    throw new Error(`Cannot open the local table in ${dataDir} (is npm start running on it? stop it first): ${(error as Error).message}`);
  });
  Object.assign(process.env, localAwsEnvironment(stack));
  return { stack, tableName: await ensureTable(new DynamoDBClient({})), dataDir };
}

/**
 * The engine's document client with the AWS SDK's credentials and region, for a command-line tool
 * that may work on a deployed table with whoever runs it: the SDK's chain resolves profiles, SSO
 * and refreshes, which the functions (credentials in their environment) never need. Locally the
 * chain finds the environment `openLocalTable` set.
 */
export function cliDocumentClient(): DynamoDBDocumentClient {
  const { config } = new DynamoDBClient({});
  return new DynamoDBDocumentClient({ credentials: config.credentials, region: config.region });
}

/** Where a command-line tool works: a deployed table (`--table`) or the local one of a data folder. */
export interface TableTarget {
  tableName: string;
  /** Set when the table is the local one: its data folder. */
  localDataDir?: string;
}

/**
 * Runs a command-line tool's work on its table: the deployed one named by `--table` (with the
 * caller's AWS credentials), or the local one of `--data-dir`, opened here and stopped after.
 * A failure is printed as `<tool> failed: <message>` and gives exit status 2.
 */
export async function onEngineTable(tool: string, { table, dataDir }: { table: string | undefined; dataDir: string }, work: (target: TableTarget) => Promise<number>): Promise<number> {
  let stack: LocalStack | undefined;
  try {
    if (table !== undefined) return await work({ tableName: table });
    const opened = await openLocalTable(dataDir);
    stack = opened.stack;
    return await work({ tableName: opened.tableName, localDataDir: opened.dataDir });
  } catch (error) {
    console.error(`${tool} failed: ${(error as Error).message}`);
    return 2;
  } finally {
    await stack?.stop();
  }
}
