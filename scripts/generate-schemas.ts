/** Writes journeys/*.schema.json from the zod schemas: `npm run schemas`. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { journeyConfigJsonSchemas } from '../shared/config/json-schemas';

for (const [name, text] of Object.entries(journeyConfigJsonSchemas())) {
  await writeFile(join('journeys', name), text);
  console.log(`wrote journeys/${name}`);
}
