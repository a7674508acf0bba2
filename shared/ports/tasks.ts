import { EngineError } from '../domain/errors';
import type { Task, TaskStatus } from '../domain/task';

/** `created`: this call wrote the task. `exists`: an earlier attempt did (left as it is, status included). */
export type TaskWrite = 'created' | 'exists';

export interface TaskPageRequest {
  dealerId: string;
  status: TaskStatus;
  /** At most this many tasks in the page. */
  limit: number;
  /** The `nextCursor` of the previous page; opaque to callers. */
  cursor?: string;
}

export interface TaskPage {
  /** Earliest due first. */
  tasks: Task[];
  /** Present when more tasks follow. */
  nextCursor?: string;
}

/** Where tasks live (DynamoDB): written once per send, listed per dealer and status. */
export interface TaskStore {
  /** Writes the task unless one with its id exists; never overwrites (staff may have closed it). */
  createTask(task: Task): Promise<TaskWrite>;
  listTasks(request: TaskPageRequest): Promise<TaskPage>;
}

/** A cursor that was not made by {@link TaskStore.listTasks} (tampered, truncated, another dealer's). */
export class InvalidCursorError extends EngineError {
  constructor() {
    super('the cursor is not one this API issued for this query');
  }
}

export interface TaskDelivery {
  /** The dealer's CRM endpoint (https). */
  url: string;
  task: Task;
}

/**
 * Hands a task to the dealer's CRM: a signed POST in AWS, a line in an outbox file locally.
 * Throws PermanentDeliveryError when the CRM refuses it (4xx), RetryLaterError when it may take
 * it later (5xx, timeout, no signing secret yet).
 */
export interface TaskWebhook {
  deliverTask(delivery: TaskDelivery): Promise<{ deliveryId: string }>;
}

/**
 * The active webhook signing secrets of a dealer, newest first: two during a rotation, so a CRM
 * that still holds the old one keeps verifying. Empty when none is configured.
 */
export interface WebhookSecrets {
  secretsFor(dealerId: string): Promise<string[]>;
}

/** The dealers of a brand: a brand key's tasks are those of each of its dealers. */
export interface BrandDealers {
  /** Ids of the brand's dealers, sorted. */
  dealerIdsOf(brandId: string): Promise<string[]>;
}
