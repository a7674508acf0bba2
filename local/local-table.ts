import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
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
