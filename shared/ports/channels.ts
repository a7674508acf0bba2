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
  /** Extra MIME headers (RFC 8058 List-Unsubscribe and List-Unsubscribe-Post on promotional mail). */
  headers?: Record<string, string>;
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

/** Puts messages for dispatch on the queue. */
export interface DispatchQueue {
  enqueue(messages: DispatchMessage[]): Promise<void>;
}
