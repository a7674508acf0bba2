import { ScanCommand, type DynamoDBDocumentClient, type ScanCommandInput } from './document-client';

type Item = Record<string, unknown>;

/**
 * Runs a Scan (or one segment of a parallel one) to the end, following LastEvaluatedKey across
 * 1 MB pages, and hands each page's items on as it comes: a reader of a large slice keeps only
 * what it makes of them.
 */
export async function forEachScanPage(client: DynamoDBDocumentClient, input: ScanCommandInput, onPage: (items: Item[]) => void): Promise<void> {
  let startKey: Item | undefined;
  do {
    const page = await client.send(new ScanCommand({ ...input, ExclusiveStartKey: startKey }));
    onPage((page.Items ?? []) as Item[]);
    startKey = page.LastEvaluatedKey as Item | undefined;
  } while (startKey);
}

/** Every item of a Scan (or of one segment of a parallel one), all pages. */
export async function scanAll(client: DynamoDBDocumentClient, input: ScanCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  await forEachScanPage(client, input, (page) => items.push(...page));
  return items;
}
