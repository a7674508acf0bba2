import { z } from 'zod';
import { Journey, Template } from '../domain/journey/schema';

/**
 * JSON Schemas for editors, generated from the zod schemas (the one source of truth). Input
 * form: fields with defaults are optional, as marketers write them.
 */
export function journeyConfigJsonSchemas(): Record<'journey.schema.json' | 'template.schema.json', string> {
  const render = (schema: z.ZodType, title: string) =>
    `${JSON.stringify({ title, ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) }, null, 2)}\n`;
  return {
    'journey.schema.json': render(Journey, 'Journey'),
    'template.schema.json': render(Template, 'Message template'),
  };
}
