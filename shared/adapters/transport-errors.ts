// Node socket failures that say nothing about the request itself: the next attempt may pass.
const transientCodes = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/**
 * Whether an error thrown by an SDK call is a transport failure (a connection or request timeout
 * from @smithy/node-http-handler, which names them `TimeoutError`, or a dropped socket) rather
 * than an answer from the service.
 */
export function isTransportFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  return error.name === 'TimeoutError' || (typeof code === 'string' && transientCodes.has(code));
}
