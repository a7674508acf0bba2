import type { PinpointSMSVoiceV2Client, PinpointSMSVoiceV2ClientConfig, PinpointSMSVoiceV2ServiceException } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { PermanentDeliveryError, TransientDeliveryError } from '../../domain/errors';
import { isTransportFailure } from '../transport-errors';
import { clientSourceOf, loadedForSend, loadOnce, type ClientOrSource, type ClientSource } from '../load-once';
import type { SmsSender } from '../../ports/channels';

// Only answers about this message (an invalid or opted-out number) are permanent. Access and
// missing-resource errors are deployment faults: they retry and end in the dead-letter queue,
// where someone sees them, instead of marking every customer's SMS as failed.
const permanentErrors = new Set(['ValidationException', 'ConflictException']);

// Validation answers that are about our set-up (sender identity, registration, account), not
// about this recipient: they retry and reach the dead-letter queue like other deployment faults.
const setupValidationReasons = new Set([
  'INVALID_IDENTITY_FOR_DESTINATION_COUNTRY',
  'SENDER_ID_NOT_REGISTERED',
  'SENDER_ID_NOT_SUPPORTED',
  'SENDER_ID_REQUIRES_REGISTRATION',
  'COUNTRY_NOT_ENABLED',
  'INTERNATIONAL_SENDING_NOT_SUPPORTED',
  'RESOURCE_NOT_ACCESSIBLE',
  'INVALID_ARN',
  'CHANNEL_NOT_ENABLED',
]);

function isPermanent(error: PinpointSMSVoiceV2ServiceException): boolean {
  if (!permanentErrors.has(error.name)) return false;
  const reason = (error as { Reason?: string }).Reason;
  return !(error.name === 'ValidationException' && reason !== undefined && setupValidationReasons.has(reason));
}

export interface EndUserMessagingSmsOptions {
  originationIdentity: string;
  configurationSet?: string;
}

/**
 * The End User Messaging SMS SDK loaded on the first SMS (a dynamic import the bundler leaves to
 * the runtime): a dispatch cold start whose batch holds no SMS does not load it.
 */
export function lazySmsClient(config: PinpointSMSVoiceV2ClientConfig): ClientSource<PinpointSMSVoiceV2Client> {
  return loadOnce(async () => new (await import('@aws-sdk/client-pinpoint-sms-voice-v2')).PinpointSMSVoiceV2Client(config));
}

/** Sends SMS through AWS End User Messaging SMS (the `pinpoint-sms-voice-v2` API). */
export function createEndUserMessagingSmsSender(
  clientOrSource: ClientOrSource<PinpointSMSVoiceV2Client>,
  { originationIdentity, configurationSet }: EndUserMessagingSmsOptions,
): SmsSender {
  const source = clientSourceOf(clientOrSource);
  return {
    async sendSms(sms) {
      const [client, sdk] = await loadedForSend('SMS client', () => Promise.all([source(), import('@aws-sdk/client-pinpoint-sms-voice-v2')]));
      const { SendTextMessageCommand, PinpointSMSVoiceV2ServiceException } = sdk;
      try {
        const result = await client.send(
          new SendTextMessageCommand({
            DestinationPhoneNumber: sms.to,
            OriginationIdentity: originationIdentity,
            MessageBody: sms.text,
            MessageType: 'PROMOTIONAL',
            ConfigurationSetName: configurationSet,
            Context: sms.tags,
          }),
        );
        if (!result.MessageId) throw new TransientDeliveryError('End User Messaging SMS returned no MessageId');
        return { providerMessageId: result.MessageId };
      } catch (error) {
        if (error instanceof PinpointSMSVoiceV2ServiceException && isPermanent(error)) {
          throw new PermanentDeliveryError(`SMS rejected: ${error.name}`, { cause: error });
        }
        if (error instanceof PinpointSMSVoiceV2ServiceException) {
          throw new TransientDeliveryError(`SMS failed: ${error.name}`, { cause: error });
        }
        // As with email: a timeout after the provider accepted may mean a second copy on retry.
        if (isTransportFailure(error)) throw new TransientDeliveryError(`SMS provider did not answer: ${(error as Error).name}`, { cause: error });
        throw error;
      }
    },
  };
}
