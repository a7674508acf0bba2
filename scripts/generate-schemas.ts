/** Writes journeys/*.schema.json, the import format's schema and docs/openapi.json from the zod schemas: `npm run schemas`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { openApiPath, openApiText } from '../shared/api/openapi';
import { importLineJsonSchema, importSchemaPath, journeyConfigJsonSchemas } from '../shared/config/json-schemas';

for (const [name, text] of Object.entries(journeyConfigJsonSchemas())) {
  await writeFile(join('journeys', name), text);
  console.log(`wrote journeys/${name}`);
}
await writeFile(importSchemaPath, importLineJsonSchema());
console.log(`wrote ${importSchemaPath}`);
await writeFile(openApiPath, openApiText());
console.log(`wrote ${openApiPath}`);
