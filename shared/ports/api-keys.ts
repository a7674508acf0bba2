import type { Tenant } from '../domain/tenant';

/** A stored API key: never the key itself, only its SHA-256. */
export interface ApiKeyRecord {
  keyId: string;
  tenant: Tenant;
  /** Hex SHA-256 of the whole key. */
  hash: string;
  createdAt: string;
  revokedAt?: string;
}

/** Where API keys are kept (the engine table). */
export interface ApiKeyStore {
  create(record: ApiKeyRecord): Promise<void>;
  get(keyId: string): Promise<ApiKeyRecord | undefined>;
  /** Every key, oldest first, revoked ones included. */
  list(): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked; false when there is no such key. */
  revoke(keyId: string, at: string): Promise<boolean>;
}
