import type { DocumentCommand } from './commands';
import { httpTransport, type DynamoTransport, type HttpTransportOptions } from './http-transport';

export interface DocumentClientOptions extends HttpTransportOptions {
  /** How calls reach DynamoDB; default: HTTP with signing, timeouts and retries. */
  transport?: DynamoTransport;
}

/**
 * A DynamoDB document client with lib-dynamodb's `send(command)`: native values in and out.
 * It exists because loading `@aws-sdk/client-dynamodb` and lib-dynamodb costs a Lambda about
 * 100 ms of CPU at every cold start (issues 12-14); this is a few KB on node:http and node:crypto.
 *
 * @example
 * const dynamo = new DynamoDBDocumentClient();
 * const { Item } = await dynamo.send(new GetCommand({ TableName: 'engine', Key: { PK: 'CUST#1', SK: 'PROFILE' } }));
 */
export class DynamoDBDocumentClient {
  private readonly transport: DynamoTransport;

  constructor(options: DocumentClientOptions = {}) {
    this.transport = options.transport ?? httpTransport(options);
  }

  async send<Output>(command: DocumentCommand<unknown, Output>): Promise<Output> {
    const answer = await this.transport(command.operation, command.wireInput());
    return command.nativeOutput(answer.body, answer.statusCode);
  }
}
