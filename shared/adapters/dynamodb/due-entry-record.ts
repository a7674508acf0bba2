/**
 * The customer record a due entry carries, packed: JSON compressed with DEFLATE against a preset
 * dictionary of the record's field names and usual values, in base64 in one string attribute (the
 * engine's document client speaks no binary attributes; binary would save the last quarter). The
 * entry is stored twice (the table and GSI1) for every customer and is most of what the table holds
 * per customer; as DynamoDB maps it took about 1,270 bytes on the demo set, packed about 510, which
 * also brings a put and the evaluation's `advance` under 1 KB (one write unit instead of two). The
 * entry is a copy the recompute can always rebuild from the profile range, so it being unreadable
 * in the AWS console costs nothing a reader needs.
 *
 * The first byte (before base64) names the packing. Never change the dictionary of a packing that entries were
 * written with: add a packing with a new byte and keep reading the old one.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { CustomerRecord } from '../../domain/customer';

/** Words the records repeat, so even a short record compresses (DEFLATE alone learns nothing from ~1 KB). Frozen: see above. */
const dictionaryV1 = Buffer.from(
  '{"customer":{"id":"","dealerId":"dealer-","firstName":"","lastName":"","salutation":"","locale":"en","timeZone":"","birthDate":"","stage":"owner",' +
    '"email":"@example.com","phone":"+","postalAddress":{"lines":[""],"postcode":"","city":"","country":""},' +
    '"consent":{"email":{"granted":true,"source":"","at":"T00:00:00Z"},"sms":{"granted":true,"source":"","at":""},"print":{"granted":true,"source":"","at":""}},' +
    '"region":"","loyalty":{"points":0,"tier":"gold"},"interests":[]},' +
    '"vehicles":[{"vin":"","brand":"","model":"","deliveredOn":"","fuel":"petrol","warrantyEndsOn":"","extendedWarranty":{"endsOn":"","endsAtKm":100000},' +
    '"maintenancePlan":{"endsOn":"","endsAtKm":100000},"roadsideAssistanceEndsOn":"","odometerReadings":[{"on":"","km":0}]}],' +
    '"visits":[{"on":"","dealerId":"dealer-","vin":"","odometerKm":0,"work":["oil-service","regular-service","key-parts-inspection"]}],' +
    '"complaints":[{"reference":"","openedOn":"","closedOn":""}]}',
);

const packingV1 = 1;

export function packRecord({ customer, vehicles, visits, complaints }: CustomerRecord): string {
  const packed = deflateRawSync(JSON.stringify({ customer, vehicles, visits, complaints }), { dictionary: dictionaryV1 });
  return Buffer.concat([Buffer.of(packingV1), packed]).toString('base64');
}

/** The record's fields as stored, to be checked by the reader; throws when the bytes are not a packing this code knows. */
export function unpackRecord(text: string): unknown {
  const bytes = Buffer.from(text, 'base64');
  if (bytes[0] !== packingV1) throw new Error(`unknown record packing ${bytes[0]}`);
  return JSON.parse(inflateRawSync(bytes.subarray(1), { dictionary: dictionaryV1 }).toString('utf8'));
}
