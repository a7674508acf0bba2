/**
 * Counts the AWS API calls the local servers receive, by phase and operation, from Node's own
 * `http.server.request.start` diagnostics channel: the engine code and its SDK clients are left
 * as they are, and the handlers' own clients are counted too.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { LocalPorts } from '../local/servers';

const channelName = 'http.server.request.start';

export interface RequestCounter {
  setPhase(phase: string): void;
  /** phase -> "Service Operation" -> count */
  counts(): Map<string, Map<string, number>>;
  stop(): void;
}

function operationOf(request: IncomingMessage, ports: LocalPorts): string | undefined {
  const port = request.socket.localPort;
  const target = request.headers['x-amz-target'];
  const action = typeof target === 'string' ? target.slice(target.lastIndexOf('.') + 1) : undefined;
  if (port === ports.dynamodb) return `DynamoDB ${action ?? request.method}`;
  if (port === ports.sqs) return `SQS ${action ?? request.method}`;
  if (port === ports.ses) {
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (request.method === 'POST' && path.endsWith('/outbound-emails')) return 'SES SendEmail';
    return undefined; // the bench's own reads of the mail store
  }
  return undefined;
}

export function countRequests(ports: LocalPorts): RequestCounter {
  let phase = 'start-up';
  const byPhase = new Map<string, Map<string, number>>();
  const listener = (message: unknown) => {
    const { request } = message as { request: IncomingMessage };
    const operation = operationOf(request, ports);
    if (!operation) return;
    const counts = byPhase.get(phase) ?? new Map<string, number>();
    byPhase.set(phase, counts);
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
  };
  subscribe(channelName, listener);
  return {
    setPhase: (next) => {
      phase = next;
    },
    counts: () => byPhase,
    stop: () => {
      unsubscribe(channelName, listener);
    },
  };
}
