/**
 * `npm run keys -- create --dealer <id> | create --brand <id> | list | revoke <keyId>`: the API
 * keys of dealers and brands. Local by default (dynalite on the `.local` data of `npm start`,
 * which must not be running on it); `--table NAME` works on a deployed table with the caller's
 * AWS credentials. A key is printed once, at creation: only its SHA-256 is stored.
 */
import { readCommandLine } from './command-line';
import { createDynamoApiKeyStore } from '../shared/adapters/dynamodb/api-key-store';
import { tenantId, type Tenant } from '../shared/domain/tenant';
import { createApiKey } from '../shared/use-cases/api-keys';
import { cliDocumentClient, onEngineTable } from '../local/local-table';

const usage = `Usage: npm run keys -- <command> [options]

  create --dealer <id>   a key for one dealer (its own customers only); printed once
  create --brand <id>    a key for a brand (the customers of every dealer with that brandId)
  list                   every key: id, tenant, created, revoked
  revoke <keyId>         stops the key (within a minute: the API caches key checks)

  --data-dir PATH   local state folder, as for npm start (default: .local); stop npm start first
  --table NAME      a deployed DynamoDB table, with your AWS credentials, instead
  --help            this text`;

const idPattern = /^[A-Za-z0-9_.-]{1,64}$/;

async function main(argv: string[]): Promise<number> {
  const parsed = readCommandLine(argv, { dealer: { type: 'string' }, brand: { type: 'string' }, 'data-dir': { type: 'string', default: '.local' }, table: { type: 'string' } }, usage, { positionals: true });
  if (typeof parsed === 'number') return parsed;
  const [command, ...rest] = parsed.positionals;
  const { dealer, brand } = parsed.values;
  let tenant: Tenant | undefined;
  if (command === 'create') {
    if ((dealer === undefined) === (brand === undefined) || rest.length > 0) {
      console.error(`create takes exactly one of --dealer <id> or --brand <id>.\n\n${usage}`);
      return 2;
    }
    const id = (dealer ?? brand)!;
    if (!idPattern.test(id)) {
      console.error('The id must be 1-64 letters, digits, ".", "_" or "-".');
      return 2;
    }
    tenant = dealer !== undefined ? { kind: 'dealer', dealerId: dealer } : { kind: 'brand', brandId: id };
  } else if (!((command === 'list' && rest.length === 0) || (command === 'revoke' && rest.length === 1))) {
    console.error(usage);
    return 2;
  }

  return onEngineTable('keys', { table: parsed.values.table, dataDir: parsed.values['data-dir'] }, async ({ tableName }) => {
    const store = createDynamoApiKeyStore(cliDocumentClient(), tableName);
    if (tenant) {
      const { key, record } = await createApiKey(tenant, new Date(), store);
      console.log(`Created key ${record.keyId} for ${tenantId(tenant)}. It is shown only now; keep it secret:\n${key}`);
    } else if (command === 'list') {
      const keys = await store.list();
      console.log(keys.length === 0 ? 'No keys.' : keys.map((key) => `${key.keyId}  ${tenantId(key.tenant).padEnd(24)}  created ${key.createdAt}${key.revokedAt ? `  revoked ${key.revokedAt}` : ''}`).join('\n'));
    } else {
      const revoked = await store.revoke(rest[0]!, new Date().toISOString());
      if (!revoked) {
        console.error(`No key ${rest[0]}.`);
        return 1;
      }
      console.log(`Revoked key ${rest[0]}; the API refuses it within a minute.`);
    }
    return 0;
  });
}

process.exitCode = await main(process.argv.slice(2));
