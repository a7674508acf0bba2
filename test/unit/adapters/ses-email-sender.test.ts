import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AccountSuspendedException,
  BadRequestException,
  MessageRejected,
  SendEmailCommand,
  SESv2Client,
  TooManyRequestsException,
} from '@aws-sdk/client-sesv2';
import { createSesEmailSender } from '../../../shared/adapters/ses/ses-email-sender';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../shared/domain/errors';
import type { OutgoingEmail } from '../../../shared/ports/channels';

const sesClient = new SESv2Client({ region: 'eu-west-1' });
const ses = mockClient(SESv2Client);

function anEmail(overrides: Partial<OutgoingEmail> = {}): OutgoingEmail {
  return {
    to: 'ann.lee@example.com',
    subject: 'Happy birthday, Ann',
    html: '<p>Happy birthday, Ann</p>',
    text: 'Happy birthday, Ann',
    tags: { journey: 'birthday', message: 'greeting-email' },
    ...overrides,
  };
}

const sender = () => createSesEmailSender(sesClient, { from: 'Pudong Motors <hello@pudong-motors.example>', configurationSet: 'engine-events' });

beforeEach(() => {
  ses.reset();
});

describe('SES email sender', () => {
  it('makes its client on the first email, not when composed; a failed load is retried as a transient failure and the next email loads again', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });
    const source = vi.fn<() => Promise<SESv2Client>>().mockRejectedValueOnce(new Error('Cannot find module')).mockResolvedValue(sesClient);
    const lazySender = createSesEmailSender(source, { from: 'hello@pudong-motors.example' });
    expect(source).not.toHaveBeenCalled();

    await expect(lazySender.sendEmail(anEmail())).rejects.toBeInstanceOf(TransientDeliveryError);
    const receipt = await lazySender.sendEmail(anEmail());

    expect(receipt).toEqual({ providerMessageId: 'ses-0001' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(1);
  });

  it("sends From the email's own sender address when it has one (a brand's customer centre), else the configured one", async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });

    await sender().sendEmail(anEmail({ from: 'customer.centre@bavaria-motors.example' }));
    await sender().sendEmail(anEmail());

    expect(ses.commandCalls(SendEmailCommand).map((call) => call.args[0].input.FromEmailAddress)).toEqual([
      'customer.centre@bavaria-motors.example',
      'Pudong Motors <hello@pudong-motors.example>',
    ]);
  });

  it('sends Simple content with HTML and text bodies, the configuration set and tags', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0001' });

    const receipt = await sender().sendEmail(anEmail());

    expect(receipt).toEqual({ providerMessageId: 'ses-0001' });
    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input).toEqual({
      FromEmailAddress: 'Pudong Motors <hello@pudong-motors.example>',
      Destination: { ToAddresses: ['ann.lee@example.com'] },
      ConfigurationSetName: 'engine-events',
      EmailTags: [
        { Name: 'journey', Value: 'birthday' },
        { Name: 'message', Value: 'greeting-email' },
      ],
      Content: {
        Simple: {
          Subject: { Data: 'Happy birthday, Ann', Charset: 'UTF-8' },
          Body: { Html: { Data: '<p>Happy birthday, Ann</p>', Charset: 'UTF-8' }, Text: { Data: 'Happy birthday, Ann', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('sends without a configuration set when none is configured', async () => {
    ses.on(SendEmailCommand).resolves({ MessageId: 'ses-0002' });

    await createSesEmailSender(sesClient, { from: 'hello@pudong-motors.example' }).sendEmail(anEmail());

    expect(ses.commandCalls(SendEmailCommand)[0]!.args[0].input.ConfigurationSetName).toBeUndefined();
  });

  it.each([
    ['MessageRejected', () => new MessageRejected({ message: 'Message contains content that is not allowed', $metadata: {} })],
    ['BadRequestException', () => new BadRequestException({ message: 'Invalid address', $metadata: {} })],
  ])('turns %s into a PermanentDeliveryError that keeps the cause', async (_name, makeError) => {
    const rejection = makeError();
    ses.on(SendEmailCommand).rejects(rejection);

    const sending = sender().sendEmail(anEmail());

    await expect(sending).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(sending).rejects.toHaveProperty('cause', rejection);
  });

  it.each([
    ['TooManyRequestsException', () => new TooManyRequestsException({ message: 'Rate exceeded', $metadata: {} })],
    ['AccountSuspendedException', () => new AccountSuspendedException({ message: 'Account suspended', $metadata: {} })],
  ])('turns %s into a TransientDeliveryError so SQS retries', async (_name, makeError) => {
    const failure = makeError();
    ses.on(SendEmailCommand).rejects(failure);

    const sending = sender().sendEmail(anEmail());

    await expect(sending).rejects.toBeInstanceOf(TransientDeliveryError);
    await expect(sending).rejects.toHaveProperty('cause', failure);
  });

  it('treats an answer without a MessageId as transient', async () => {
    ses.on(SendEmailCommand).resolves({});

    await expect(sender().sendEmail(anEmail())).rejects.toBeInstanceOf(TransientDeliveryError);
  });

  it('rethrows an error that is not an SES service exception unchanged', async () => {
    const networkError = new Error('socket hang up');
    ses.on(SendEmailCommand).rejects(networkError);

    await expect(sender().sendEmail(anEmail())).rejects.toBe(networkError);
  });

  it('treats an unverified sender or sandbox recipient as a setup fault to retry, not a failed message', async () => {
    ses.on(SendEmailCommand).rejects(
      new MessageRejected({ message: 'Email address is not verified. The following identities failed the check in region EU-WEST-1: hello@pudong-motors.example', $metadata: {} }),
    );

    await expect(sender().sendEmail(anEmail())).rejects.toBeInstanceOf(TransientDeliveryError);
  });
});
