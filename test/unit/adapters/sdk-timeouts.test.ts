import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import { createSesEmailSender } from '../../../shared/adapters/ses/ses-email-sender';
import { composeDispatch } from '../../../shared/compose/dispatch';
import { composeEvaluation } from '../../../shared/compose/evaluation';
import { sdkClientOptions, sdkMaxAttempts, sdkRequestTimeoutMs } from '../../../shared/compose/timeouts';
import { readEngineEnv } from '../../../shared/config/env';
import type { LoadedJourneyConfig } from '../../../shared/config/compiled-journeys';
import { lunarJavascriptCalendar } from '../../../shared/domain/calendar/lunar-javascript-calendar';
import { TransientDeliveryError } from '../../../shared/domain/errors';
import { dispatchFunctionTimeoutSeconds } from '../../../shared/resources/queues';
import { aTask } from '../../helpers/tasks';
import { captureServer } from '../../helpers/capture-server';

// A server that accepts every connection and never answers: what a hung provider looks like.
let server: Awaited<ReturnType<typeof captureServer>>;
let endpoint: string;

beforeAll(async () => {
  server = await captureServer();
  server.hang = true;
  endpoint = server.url;
});

afterAll(async () => {
  await server.close();
  vi.unstubAllEnvs();
});

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };
const anEmail = { to: 'ann.lee@example.com', subject: 'Hi', html: '<p>Hi</p>', text: 'Hi', tags: {} };

describe('timeouts on provider calls', () => {
  it('fails the SES sender with a transient error within the request timeout when SES never answers', async () => {
    // One attempt keeps the test short; the SDK's retries multiply it as the budget test below says.
    const client = new SESv2Client({ ...sdkClientOptions(), maxAttempts: 1, endpoint, region: 'eu-west-1', credentials });
    const sender = createSesEmailSender(client, { from: 'hello@pudong-motors.example' });
    const started = Date.now();

    const sending = sender.sendEmail(anEmail);

    await expect(sending).rejects.toBeInstanceOf(TransientDeliveryError);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(sdkRequestTimeoutMs - 50);
    expect(elapsed).toBeLessThan(sdkRequestTimeoutMs + 2_000);
  });

  it('gives every client of dispatch and evaluation the timeouts: all fail instead of hanging', async () => {
    vi.stubEnv('AWS_ENDPOINT_URL', endpoint);
    vi.stubEnv('AWS_REGION', 'eu-west-1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', credentials.secretAccessKey);
    const env = readEngineEnv({
      TABLE_NAME: 'engine',
      DISPATCH_QUEUE_URL: `${endpoint}/000000000000/dispatch`,
      EMAIL_FROM: 'hello@pudong-motors.example',
      SMS_MODE: 'aws',
      SMS_ORIGINATION_IDENTITY: 'DealerJrny',
      PRINT_MODE: 's3',
      PRINT_BUCKET: 'print',
      TASK_WEBHOOK_MODE: 'http',
      WEBHOOK_SECRETS_ID: 'webhook-secrets',
    });
    const config: LoadedJourneyConfig = { journeys: [], templates: new Map(), lunarCalendar: lunarJavascriptCalendar };
    const dispatch = composeDispatch(env, config);
    const evaluation = composeEvaluation(env, config);
    const started = Date.now();

    const calls = await Promise.allSettled([
      dispatch.email.sendEmail(anEmail),
      dispatch.sms.sendSms({ to: '+447911123456', text: 'Hi', tags: {} }),
      dispatch.printStore.storePrintFile('2026-03-14/birthday/c-0001-card.pdf', new Uint8Array([37])),
      dispatch.customers.getCustomerContext('c-0001'),
      // Reads the signing secret from Secrets Manager first, which hangs like every other call.
      dispatch.taskWebhook.deliverTask({ url: `${endpoint}/hooks/tasks`, task: aTask() }),
      evaluation.queue.enqueue([
        { version: 1, journeyId: 'birthday', occurrenceKey: '2026', occurrenceDate: '2026-03-14', customerId: 'c-0001', messageId: 'sms', channel: 'sms', template: 'birthday-sms' },
      ]),
    ]);

    expect(calls.map((call) => call.status)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
    expect(Date.now() - started).toBeLessThan(sdkMaxAttempts * sdkRequestTimeoutMs + 3_000);
  }, 30_000);

  it('keeps one hung call, retries included, within half the dispatch function timeout', () => {
    // SDK backoff between three attempts stays under a second.
    const worstCallMs = sdkMaxAttempts * sdkRequestTimeoutMs + 1_000;

    expect(worstCallMs).toBeLessThanOrEqual((dispatchFunctionTimeoutSeconds * 1_000) / 2);
  });
});
