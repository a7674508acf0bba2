import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetSecretValueCommand, ResourceNotFoundException, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileWebhookSecrets } from '../../../shared/adapters/webhook/file-secrets';
import { createOutboxTaskWebhook } from '../../../shared/adapters/webhook/outbox-task-webhook';
import { WebhookSecretsFormatError } from '../../../shared/adapters/webhook/secrets-document';
import { createSecretsManagerWebhookSecrets } from '../../../shared/adapters/webhook/secrets-manager-secrets';
import { verifyWebhookSignature } from '../../../shared/adapters/webhook/signature';
import { TransientDeliveryError } from '../../../shared/domain/errors';
import { aTask } from '../../helpers/tasks';

const newest = 'whsec_newest_0123456789abcdef0123456789ab';
const older = 'whsec_older_0123456789abcdef0123456789abc';

describe('webhook signing secrets from Secrets Manager', () => {
  const secretsManager = mockClient(SecretsManagerClient);
  const client = new SecretsManagerClient({ region: 'eu-west-1' });
  let now: Date;
  const secrets = () => createSecretsManagerWebhookSecrets(async () => client, { secretId: 'webhook-secrets', cacheSeconds: 300, clock: () => now });

  beforeEach(() => {
    secretsManager.reset();
    now = new Date('2026-03-14T09:00:00.000Z');
  });

  it('gives a dealer its active secrets, newest first, and none to a dealer without', async () => {
    secretsManager.on(GetSecretValueCommand, { SecretId: 'webhook-secrets' }).resolves({ SecretString: JSON.stringify({ 'dealer-sydney': [newest, older] }) });

    const source = secrets();

    expect(await source.secretsFor('dealer-sydney')).toEqual([newest, older]);
    expect(await source.secretsFor('dealer-shanghai')).toEqual([]);
  });

  it('reads the secret once per cache period, then again to pick up a rotation', async () => {
    secretsManager.on(GetSecretValueCommand).resolvesOnce({ SecretString: JSON.stringify({ d: [older] }) }).resolves({ SecretString: JSON.stringify({ d: [newest, older] }) });
    const source = secrets();

    const first = await source.secretsFor('d');
    now = new Date(now.getTime() + 299_000);
    const cached = await source.secretsFor('d');
    now = new Date(now.getTime() + 2_000);
    const reread = await source.secretsFor('d');

    expect([first, cached, reread]).toEqual([[older], [older], [newest, older]]);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(2);
  });

  it('turns throttling into a retryable error and rethrows a missing secret as it is', async () => {
    secretsManager.on(GetSecretValueCommand).rejectsOnce(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }));
    await expect(secrets().secretsFor('d')).rejects.toBeInstanceOf(TransientDeliveryError);

    secretsManager.on(GetSecretValueCommand).rejects(new ResourceNotFoundException({ message: 'no such secret', $metadata: {} }));
    await expect(secrets().secretsFor('d')).rejects.toBeInstanceOf(ResourceNotFoundException);
  });

  it('refuses a stored value of the wrong shape without echoing it', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify({ d: 'short-secret-value' }) });

    const failure = await secrets().secretsFor('d').catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(WebhookSecretsFormatError);
    expect((failure as Error).message).not.toContain('short-secret-value');
  });
});

describe('the local task outbox and secrets file', () => {
  let folder: string;

  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'task-outbox-'));
  });

  afterEach(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it('gives each dealer a secret on first use, keeps it, and writes the file readable by its owner only', async () => {
    const path = join(folder, 'webhook-secrets.json');
    const source = createFileWebhookSecrets(path);

    const [sydney, shanghai] = await Promise.all([source.secretsFor('dealer-sydney'), source.secretsFor('dealer-shanghai')]);
    const again = await createFileWebhookSecrets(path).secretsFor('dealer-sydney');

    expect(sydney).toHaveLength(1);
    expect(sydney[0]).toMatch(/^whsec_[0-9a-f]{48}$/);
    expect(shanghai[0]).not.toBe(sydney[0]);
    expect(again).toEqual(sydney);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ 'dealer-sydney': sydney, 'dealer-shanghai': shanghai });
    expect((await stat(path)).mode & 0o077).toBe(0);
  });

  it('writes one line per task with the URL, headers and exact body, signed with the dealer secret', async () => {
    const secretsPath = join(folder, 'webhook-secrets.json');
    const outboxPath = join(folder, 'task-outbox.jsonl');
    const now = new Date('2026-03-14T09:00:00.000Z');
    const webhook = createOutboxTaskWebhook(outboxPath, { secrets: createFileWebhookSecrets(secretsPath), timeoutMs: 3_000, clock: () => now });
    const task = aTask();

    await webhook.deliverTask({ url: 'https://crm.harbour-city-motors.example/hooks/tasks', task });

    const lines = (await readFile(outboxPath, 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    const dealerSecrets = JSON.parse(await readFile(secretsPath, 'utf8'))['dealer-sydney'];
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ url: 'https://crm.harbour-city-motors.example/hooks/tasks', at: now.toISOString() });
    expect(JSON.parse(lines[0].body).task).toEqual(task);
    expect(verifyWebhookSignature(lines[0].headers['Dealer-Journeys-Signature'], lines[0].body, dealerSecrets, now).valid).toBe(true);
  });
});
