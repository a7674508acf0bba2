/**
 * Real AWS-API servers on loopback, started in-process: dynalite (DynamoDB), local-aws-sqs (SQS)
 * and aws-ses-v2-local (SES v2). Used by `npm start` and by the integration tests.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { createRequestHandler } from 'local-aws-sqs';

const require = createRequire(import.meta.url);
// dynalite ships no types; it is a factory returning an http.Server.
const dynalite = require('dynalite') as (options: Record<string, unknown>) => Server;
// A CommonJS module whose export is `default`; required so ESM interop cannot wrap it twice.
const startSesServer = (require('aws-ses-v2-local') as { default: (config: { host: string; port: number }) => Promise<Server> }).default;

export const loopback = '127.0.0.1';

export interface LocalPorts {
  dynamodb: number;
  sqs: number;
  ses: number;
}

/** The command-line option that changes each port, for error messages. */
export const portOptions: Record<keyof LocalPorts | 'api', string> = {
  dynamodb: '--dynamodb-port',
  sqs: '--sqs-port',
  ses: '--ses-port',
  api: '--api-port',
};

export class PortInUseError extends Error {
  constructor(
    readonly service: string,
    readonly port: number,
    readonly option: string,
  ) {
    super(`Port ${port} (${service}) is already in use. Stop whatever holds it, or choose another port with ${option} <port>.`);
    this.name = 'PortInUseError';
  }
}

export interface LocalStack {
  ports: LocalPorts;
  endpoints: { dynamodb: string; sqs: string; ses: string };
  stop(): Promise<void>;
}

export interface LocalStackOptions {
  /** 0 picks a free port (tests). */
  ports: LocalPorts;
  /** Folder for dynalite's LevelDB files; in memory when absent. */
  dynamodbPath?: string;
}

/** Listens on loopback; a taken port becomes a PortInUseError naming the option that changes it. */
export function listen(server: Server, port: number, service: string, option: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => {
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(service, port, option) : error);
    };
    server.once('error', onError);
    server.listen(port, loopback, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

/** Checks a port is free on loopback (aws-ses-v2-local does not report a clash by itself). */
async function assertPortFree(port: number, service: string, option: string): Promise<void> {
  if (port === 0) return;
  const probe = createServer();
  await listen(probe, port, service, option);
  await close(probe);
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe, 0, 'probe', '');
  await close(probe);
  return port;
}

export async function startLocalStack({ ports, dynamodbPath }: LocalStackOptions): Promise<LocalStack> {
  const started: Server[] = [];
  const stop = async () => {
    await Promise.all(started.map(close));
  };
  try {
    const dynamo = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0, ...(dynamodbPath ? { path: dynamodbPath } : {}) });
    const dynamodbPort = await listen(dynamo, ports.dynamodb, 'DynamoDB (dynalite)', portOptions.dynamodb);
    started.push(dynamo);

    // Behind our own server so a clash is a catchable error and port 0 works; the service must
    // then learn its port, or the queue URLs it hands out point nowhere.
    const { service, requestHandler } = createRequestHandler({ port: ports.sqs, hostname: loopback, region: 'us-east-1' });
    const sqs = createServer((request, response) => void requestHandler(request, response));
    const sqsPort = await listen(sqs, ports.sqs, 'SQS (local-aws-sqs)', portOptions.sqs);
    (service as unknown as { PORT: number }).PORT = sqsPort;
    started.push(sqs);

    const sesPort = ports.ses === 0 ? await freePort() : ports.ses;
    await assertPortFree(sesPort, 'SES (aws-ses-v2-local)', portOptions.ses);
    const ses = await startSesServer({ host: loopback, port: sesPort });
    if (!ses.listening) throw new PortInUseError('SES (aws-ses-v2-local)', sesPort, portOptions.ses);
    started.push(ses);

    return {
      ports: { dynamodb: dynamodbPort, sqs: sqsPort, ses: sesPort },
      endpoints: {
        dynamodb: `http://${loopback}:${dynamodbPort}`,
        sqs: `http://${loopback}:${sqsPort}`,
        ses: `http://${loopback}:${sesPort}`,
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * Points the AWS SDK at the local servers through its service-specific endpoint variables, with
 * dummy credentials: the engine code is unchanged.
 */
export function localAwsEnvironment(stack: LocalStack): Record<string, string> {
  return {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: stack.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SQS: stack.endpoints.sqs,
    AWS_ENDPOINT_URL_SESV2: stack.endpoints.ses,
  };
}
