import type { DispatchMessage } from '../domain/dispatch-message';

export interface OutgoingEmail {
  to: string;
  /**
   * The sender address when it is not the configured one: a brand's customer centre sends its
   * journeys From its own address (which must be verified in SES).
   */
  from?: string;
  subject: string;
  html: string;
  text: string;
  /** Provider tags for reporting; never personal data. */
  tags: Record<string, string>;
}

export interface OutgoingSms {
  /** E.164. */
  to: string;
  text: string;
  tags: Record<string, string>;
}

export interface SendReceipt {
  providerMessageId: string;
}

/** Sends email (SES v2). Throws PermanentDeliveryError or TransientDeliveryError. */
export interface EmailSender {
  sendEmail(email: OutgoingEmail): Promise<SendReceipt>;
}

/** Sends SMS (AWS End User Messaging SMS, or a local outbox file). */
export interface SmsSender {
  sendSms(sms: OutgoingSms): Promise<SendReceipt>;
}

/** How long SQS can keep a message invisible after it is sent (`DelaySeconds`): 15 minutes. */
export const maxQueueDelaySeconds = 900;

/** Puts messages for dispatch on the queue. */
export interface DispatchQueue {
  /**
   * `delaySeconds` (0 to {@link maxQueueDelaySeconds}) keeps every message of the call invisible
   * that long: a held message released a few minutes before it is due goes out on time.
   */
  enqueue(messages: DispatchMessage[], options?: { delaySeconds?: number }): Promise<void>;
}
