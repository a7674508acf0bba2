import type { SESv2Client, SESv2ClientConfig } from '@aws-sdk/client-sesv2';
import { PermanentDeliveryError, TransientDeliveryError } from '../../domain/errors';
import { isTransportFailure } from '../transport-errors';
import { clientSourceOf, loadedForSend, loadOnce, type ClientOrSource, type ClientSource } from '../load-once';
import type { EmailSender } from '../../ports/channels';

// Only answers about this message are permanent. Account-level ones (suspended, paused, an
// unverified domain) are deployment faults: they retry and end in the dead-letter queue, where
// someone sees them, instead of marking every customer's email as failed.
const permanentErrors = new Set(['MessageRejected', 'BadRequestException']);

export interface SesEmailSenderOptions {
  from: string;
  configurationSet?: string;
}

/**
 * The SES v2 SDK loaded on the first email (a dynamic import the bundler leaves to the runtime):
 * a dispatch cold start whose batch holds no email does not load it.
 */
export function lazySesClient(config: SESv2ClientConfig): ClientSource<SESv2Client> {
  return loadOnce(async () => new (await import('@aws-sdk/client-sesv2')).SESv2Client(config));
}

/** Sends email through SES v2 with Simple content (keeps HTML, text and custom headers). */
export function createSesEmailSender(clientOrSource: ClientOrSource<SESv2Client>, { from, configurationSet }: SesEmailSenderOptions): EmailSender {
  const source = clientSourceOf(clientOrSource);
  return {
    async sendEmail(email) {
      const [client, sdk] = await loadedForSend('SES client', () => Promise.all([source(), import('@aws-sdk/client-sesv2')]));
      const { SendEmailCommand, SESv2ServiceException } = sdk;
      try {
        const result = await client.send(
          new SendEmailCommand({
            FromEmailAddress: email.from ?? from,
            Destination: { ToAddresses: [email.to] },
            ConfigurationSetName: configurationSet,
            // SES refuses tag values with characters other than letters, digits, `_` and `-`
            // (occurrence keys hold `/` and `#`): the reporting tags are made safe; `send` already is.
            EmailTags: Object.entries(email.tags).map(([Name, Value]) => ({ Name, Value: Value.replace(/[^A-Za-z0-9_-]/g, '_') })),
            Content: {
              Simple: {
                Subject: { Data: email.subject, Charset: 'UTF-8' },
                Body: { Html: { Data: email.html, Charset: 'UTF-8' }, Text: { Data: email.text, Charset: 'UTF-8' } },
                // Simple content carries custom headers (SES v2 and aws-ses-v2-local keep them), so
                // no raw MIME is built here.
                ...(email.headers ? { Headers: Object.entries(email.headers).map(([Name, Value]) => ({ Name, Value })) } : {}),
              },
            },
          }),
        );
        if (!result.MessageId) throw new TransientDeliveryError('SES returned no MessageId');
        return { providerMessageId: result.MessageId };
      } catch (error) {
        // SES also answers MessageRejected for an unverified sender or, in the sandbox, recipient:
        // a setup fault for every message, not a verdict on this one.
        const setupFault = error instanceof SESv2ServiceException && /not verified/i.test(error.message);
        if (error instanceof SESv2ServiceException && permanentErrors.has(error.name) && !setupFault) {
          throw new PermanentDeliveryError(`SES rejected the email: ${error.name}`, { cause: error });
        }
        if (error instanceof SESv2ServiceException) {
          throw new TransientDeliveryError(`SES failed: ${error.name}`, { cause: error });
        }
        // A timeout may come after SES accepted the message: retrying risks a second copy, which
        // is the at-least-once window docs/data-model.md describes, and beats losing the greeting.
        if (isTransportFailure(error)) throw new TransientDeliveryError(`SES did not answer: ${(error as Error).name}`, { cause: error });
        throw error;
      }
    },
  };
}
