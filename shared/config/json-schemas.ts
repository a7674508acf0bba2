import * as z from 'zod';
import { Journey, Template } from '../domain/journey/schema';
import { ImportLine } from '../import/format';

const render = (schema: z.ZodType, title: string, description?: string) =>
  `${JSON.stringify({ title, ...(description ? { description } : {}), ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;

/**
 * JSON Schemas for editors, generated from the zod schemas (the one source of truth). Input
 * form: fields with defaults are optional, as marketers write them.
 */
export function journeyConfigJsonSchemas(): Record<'journey.schema.json' | 'template.schema.json', string> {
  return {
    'journey.schema.json': render(Journey, 'Journey'),
    'template.schema.json': render(Template, 'Message template'),
  };
}

/** Where the import format's JSON Schema is committed, next to the example file. */
export const importSchemaPath = 'examples/customer-import.schema.json';

/**
 * JSON Schema of one line of a customer import file (`npm run import`), generated from the zod
 * schema in `shared/import/format.ts`. Checks the importer adds beyond it (real dates, birth
 * dates not in the future, E.164 phones, dealers known) are stated in the README.
 */
export function importLineJsonSchema(): string {
  return render(ImportLine, 'Customer import line', 'One line of a JSON Lines customer import: a dealer, or a customer with their vehicles.');
}
