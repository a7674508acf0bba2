import { beforeEach, describe, expect, it, vi } from 'vitest';
import { mockClient } from 'aws-sdk-client-mock';
import {
  AccessDeniedException,
  PinpointSMSVoiceV2Client,
  SendTextMessageCommand,
  ThrottlingException,
  ValidationException,
} from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { createEndUserMessagingSmsSender } from '../../../shared/adapters/sms/end-user-messaging-sms-sender';
import { PermanentDeliveryError, TransientDeliveryError } from '../../../shared/domain/errors';
import type { OutgoingSms } from '../../../shared/ports/channels';

const smsClient = new PinpointSMSVoiceV2Client({ region: 'eu-west-1' });
const sms = mockClient(PinpointSMSVoiceV2Client);

const anSms = (): OutgoingSms => ({ to: '+447700900123', text: 'Happy birthday, Ann!', tags: { journey: 'birthday', message: 'greeting-sms' } });

const sender = () => createEndUserMessagingSmsSender(smsClient, { originationIdentity: 'DealerJ', configurationSet: 'engine-sms' });

beforeEach(() => {
  sms.reset();
});

describe('End User Messaging SMS sender', () => {
  it('makes its client on the first SMS, not when composed; a failed load is retried as a transient failure and the next SMS loads again', async () => {
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'sms-0001' });
    const source = vi.fn<() => Promise<PinpointSMSVoiceV2Client>>().mockRejectedValueOnce(new Error('Cannot find module')).mockResolvedValue(smsClient);
    const lazySender = createEndUserMessagingSmsSender(source, { originationIdentity: 'DealerJ' });
    expect(source).not.toHaveBeenCalled();

    await expect(lazySender.sendSms(anSms())).rejects.toBeInstanceOf(TransientDeliveryError);
    const receipt = await lazySender.sendSms(anSms());

    expect(receipt).toEqual({ providerMessageId: 'sms-0001' });
    expect(sms.commandCalls(SendTextMessageCommand)).toHaveLength(1);
  });

  it('sends the text from the origination identity with the configuration set and context tags', async () => {
    sms.on(SendTextMessageCommand).resolves({ MessageId: 'sms-0001' });

    const receipt = await sender().sendSms(anSms());

    expect(receipt).toEqual({ providerMessageId: 'sms-0001' });
    expect(sms.commandCalls(SendTextMessageCommand)[0]!.args[0].input).toEqual({
      DestinationPhoneNumber: '+447700900123',
      OriginationIdentity: 'DealerJ',
      MessageBody: 'Happy birthday, Ann!',
      MessageType: 'PROMOTIONAL',
      ConfigurationSetName: 'engine-sms',
      Context: { journey: 'birthday', message: 'greeting-sms' },
    });
  });

  it('turns a ValidationException into a PermanentDeliveryError that keeps the cause', async () => {
    const invalid = new ValidationException({ message: 'Invalid destination', $metadata: {}, Reason: 'INVALID_PARAMETER' });
    sms.on(SendTextMessageCommand).rejects(invalid);

    const sending = sender().sendSms(anSms());

    await expect(sending).rejects.toBeInstanceOf(PermanentDeliveryError);
    await expect(sending).rejects.toHaveProperty('cause', invalid);
  });

  it('turns a ThrottlingException into a TransientDeliveryError', async () => {
    const throttled = new ThrottlingException({ message: 'Rate exceeded', $metadata: {} });
    sms.on(SendTextMessageCommand).rejects(throttled);

    const sending = sender().sendSms(anSms());

    await expect(sending).rejects.toBeInstanceOf(TransientDeliveryError);
    await expect(sending).rejects.toHaveProperty('cause', throttled);
  });

  it('treats AccessDeniedException as transient so a deployment fault reaches the DLQ instead of failing sends', async () => {
    sms.on(SendTextMessageCommand).rejects(new AccessDeniedException({ message: 'not authorized', $metadata: {} }));

    const sending = sender().sendSms(anSms());

    await expect(sending).rejects.toBeInstanceOf(TransientDeliveryError);
    await expect(sending).rejects.not.toBeInstanceOf(PermanentDeliveryError);
  });

  it('treats an answer without a MessageId as transient', async () => {
    sms.on(SendTextMessageCommand).resolves({});

    await expect(sender().sendSms(anSms())).rejects.toBeInstanceOf(TransientDeliveryError);
  });

  it.each([
    ['a request timeout', () => Object.assign(new Error('a request has exceeded the configured 3000 ms requestTimeout'), { name: 'TimeoutError', code: 'ETIMEDOUT' })],
    ['a reset connection', () => Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })],
  ])('turns %s into a TransientDeliveryError that keeps the cause', async (_what, makeError) => {
    const failure = makeError();
    sms.on(SendTextMessageCommand).rejects(failure);

    const sending = sender().sendSms(anSms());

    await expect(sending).rejects.toBeInstanceOf(TransientDeliveryError);
    await expect(sending).rejects.toHaveProperty('cause', failure);
  });

  it('rethrows an error that is not a service exception unchanged', async () => {
    const networkError = new Error('socket hang up');
    sms.on(SendTextMessageCommand).rejects(networkError);

    await expect(sender().sendSms(anSms())).rejects.toBe(networkError);
  });

  it('retries a validation answer about our sender set-up instead of failing the message', async () => {
    sms.on(SendTextMessageCommand).rejects(
      new ValidationException({ message: 'Sender ID not registered', $metadata: {}, Reason: 'SENDER_ID_NOT_REGISTERED' }),
    );

    await expect(sender().sendSms(anSms())).rejects.toBeInstanceOf(TransientDeliveryError);
  });
});
