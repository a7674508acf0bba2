import type { SendRecord } from './ledger';

export interface MessagePageRequest {
  customerId: string;
  /** At most this many messages in the page. */
  limit: number;
  /** The `nextCursor` of the previous page; opaque to callers. */
  cursor?: string;
}

export interface MessagePage {
  /** In send-key order (journey, occurrence, message). */
  messages: SendRecord[];
  /** Present when more messages may follow. */
  nextCursor?: string;
}

/**
 * A customer's message history (`GET /v1/customers/{id}/messages`), page by page. Throws
 * `InvalidCursorError` (ports/tasks) for a cursor it did not issue for this customer.
 */
export interface MessageHistory {
  listMessages(request: MessagePageRequest): Promise<MessagePage>;
}
