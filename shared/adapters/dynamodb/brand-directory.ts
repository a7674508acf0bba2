import { GetCommand, type DynamoDBDocumentClient } from './document-client';
import { Brand } from '../../domain/brand';
import { CorruptItemError } from '../../domain/errors';
import type { BrandDirectory } from '../../ports/customers';
import { attr, brandKey } from './keys';

/**
 * Brands in the engine table (one item each, beside the dealers). A brand changes about as often
 * as a dealer: each is read once per function instance and kept. An SDK error is left to the
 * dispatch's failure rules (unknown errors are retried by SQS), as the dealer read does.
 */
export function createDynamoBrandDirectory(client: DynamoDBDocumentClient, tableName: string): BrandDirectory {
  const brands = new Map<string, Promise<Brand | undefined>>();

  async function readBrand(brandId: string): Promise<Brand | undefined> {
    const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: brandKey(brandId) }));
    if (!Item) return undefined;
    const parsed = Brand.safeParse(Item);
    if (!parsed.success) throw new CorruptItemError(`Item ${String(Item[attr.pk])}/${String(Item[attr.sk])} does not match its schema`, { cause: parsed.error });
    return parsed.data;
  }

  return {
    getBrand(brandId) {
      let brand = brands.get(brandId);
      if (!brand) {
        brand = readBrand(brandId);
        // A failed or empty read is not kept: the brand may be imported before the next message.
        brand.then((found) => (found ? undefined : brands.delete(brandId)), () => brands.delete(brandId));
        brands.set(brandId, brand);
      }
      return brand;
    },
  };
}
