/**
 * The engine's DynamoDB client: lib-dynamodb's commands and `send`, over DynamoDB's JSON protocol
 * on node:http(s), without the AWS SDK's module init (see client/document-client.ts).
 */
export { DynamoDBDocumentClient, type DocumentClientOptions } from './client/document-client';
export { BatchGetCommand, BatchWriteCommand, DeleteCommand, DocumentCommand, GetCommand, PutCommand, QueryCommand, ScanCommand, UpdateCommand } from './client/commands';
export { ConditionalCheckFailedException, DynamoDBServiceError, ProvisionedThroughputExceededException, ResourceNotFoundException } from './client/errors';
export type { Credentials, CredentialsProvider } from './client/endpoint';
export { httpTransport, type DynamoTransport, type HttpTransportOptions } from './client/http-transport';
// lib-dynamodb's shapes, as types only: they cost nothing at run time.
export type { QueryCommandInput, ScanCommandInput, UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
