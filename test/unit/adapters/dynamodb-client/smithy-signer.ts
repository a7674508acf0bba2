import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Credentials } from '../../../../shared/adapters/dynamodb/document-client';

type Bytes = string | ArrayBuffer | ArrayBufferView;
const bufferOf = (data: Bytes): Buffer | string =>
  typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);

/** SHA-256 (HMAC with a secret) on node:crypto, in the shape @smithy/signature-v4 asks for. */
class Sha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: Bytes) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bufferOf(secret));
  }
  update(data: Bytes): void {
    this.hash.update(bufferOf(data));
  }
  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }
}

/** The AWS SDK's own SigV4 signer: the reference our signer is checked against. */
export async function smithySign(
  request: { method: string; hostname: string; port?: number; path: string; headers: Record<string, string>; body: string },
  { credentials, region, service, at }: { credentials: Credentials; region: string; service: string; at: Date },
): Promise<Record<string, string>> {
  const signer = new SignatureV4({ service, region, credentials, sha256: Sha256 });
  const signed = await signer.sign({ protocol: 'http:', query: {}, ...request }, { signingDate: at });
  return signed.headers as Record<string, string>;
}

/** `20260314T090000Z` back to the instant. */
export const instantOfAmzDate = (amzDate: string): Date =>
  new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
