/**
 * DynamoDB's answers that are errors, as Errors whose `name` is the service's error type
 * (`ConditionalCheckFailedException`), so adapters test them with `instanceof` and logs name them
 * as the AWS SDK would have.
 */
export class DynamoDBServiceError extends Error {
  constructor(
    /** The service's error type, e.g. `ValidationException`. */
    name: string,
    message: string,
    /** The HTTP status it came with; 5xx is the service's fault and may pass on a later attempt. */
    readonly statusCode: number,
  ) {
    super(message);
    this.name = name;
  }
}

/** A conditional write whose condition did not hold: what the adapters' idempotency is built on. */
export class ConditionalCheckFailedException extends DynamoDBServiceError {
  constructor(message = 'The conditional request failed', statusCode = 400) {
    super('ConditionalCheckFailedException', message, statusCode);
  }
}

/** The table's or index's throughput is exhausted: the adapters' own retry loops wait and try again. */
export class ProvisionedThroughputExceededException extends DynamoDBServiceError {
  constructor(message = 'The level of configured provisioned throughput for the table was exceeded', statusCode = 400) {
    super('ProvisionedThroughputExceededException', message, statusCode);
  }
}

/** The table does not exist (or is not ACTIVE yet). */
export class ResourceNotFoundException extends DynamoDBServiceError {
  constructor(message = 'Requested resource not found', statusCode = 400) {
    super('ResourceNotFoundException', message, statusCode);
  }
}

const knownErrors: Record<string, new (message: string, statusCode: number) => DynamoDBServiceError> = {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  ResourceNotFoundException,
};

/** Errors DynamoDB answers when asked too fast: the request itself was fine and is tried again. */
const throttlingErrors = new Set(['ProvisionedThroughputExceededException', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

/** Whether a failed call may pass when tried again: throttled, or the service's own fault (5xx). */
export function isRetryableServiceError(error: DynamoDBServiceError): boolean {
  return throttlingErrors.has(error.name) || error.statusCode >= 500;
}

/**
 * The error a non-2xx answer stands for. DynamoDB's JSON protocol names it in `__type`
 * (`com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException`) and says why in `message`
 * or `Message`, depending on the error.
 */
export function serviceErrorOf(statusCode: number, body: string): DynamoDBServiceError {
  let parsed: { __type?: unknown; message?: unknown; Message?: unknown } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    // A proxy's HTML page or an empty body: the status code is all there is.
  }
  const type = typeof parsed.__type === 'string' ? parsed.__type.slice(parsed.__type.lastIndexOf('#') + 1) : '';
  const message = typeof parsed.message === 'string' ? parsed.message : typeof parsed.Message === 'string' ? parsed.Message : '';
  const name = type || (statusCode >= 500 ? 'InternalServerError' : `HTTP${statusCode}`);
  const known = knownErrors[name];
  return known ? new known(message, statusCode) : new DynamoDBServiceError(name, message, statusCode);
}
