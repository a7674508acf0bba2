import { DeleteOptedOutNumberCommand, PutOptedOutNumberCommand, type PinpointSMSVoiceV2Client } from '@aws-sdk/client-pinpoint-sms-voice-v2';
import { RetryLaterError } from '../../domain/errors';
import type { SmsOptOutRegistry } from '../../ports/suppression';
import { isTransportFailure } from '../transport-errors';

const transientNames = new Set(['ThrottlingException', 'InternalServerException', 'ServiceUnavailableException']);

/**
 * The End User Messaging SMS opt-out list (default `Default`): the service refuses to text a
 * number on it, a second guard behind our suppression list. Deleting a number that is not on it
 * answers ResourceNotFound, which is what START wanted anyway.
 */
export function createEndUserMessagingOptOuts(client: PinpointSMSVoiceV2Client, optOutListName: string): SmsOptOutRegistry {
  async function call(command: PutOptedOutNumberCommand | DeleteOptedOutNumberCommand): Promise<void> {
    try {
      await client.send(command as PutOptedOutNumberCommand);
    } catch (error) {
      if (command instanceof DeleteOptedOutNumberCommand && (error as Error).name === 'ResourceNotFoundException') return;
      if (isTransportFailure(error) || transientNames.has((error as Error).name)) {
        throw new RetryLaterError(`End User Messaging did not update the opt-out list: ${(error as Error).name}`, { cause: error });
      }
      throw error;
    }
  }
  return {
    optOut: (e164) => call(new PutOptedOutNumberCommand({ OptOutListName: optOutListName, OptedOutNumber: e164 })),
    optIn: (e164) => call(new DeleteOptedOutNumberCommand({ OptOutListName: optOutListName, OptedOutNumber: e164 })),
  };
}
