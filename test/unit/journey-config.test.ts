import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { checkJourneyConfig, formatViolation } from '../../shared/config/journey-config';
import { journeyConfigJsonSchemas } from '../../shared/config/json-schemas';
import { loadJourneyConfig, JourneyConfigError } from '../../shared/config/load-journeys';

const smsTemplate = { path: 'journeys/templates/birthday-sms.yaml', text: 'channel: sms\nlocales:\n  en:\n    text: "Hi {{ customer.firstName }}"\n' };

describe('journey config', () => {
  it('loads the shipped journeys and templates without violations', async () => {
    const config = await loadJourneyConfig('journeys');

    expect(config.journeys.map((journey) => journey.id)).toContain('birthday');
    expect([...config.templates.keys()]).toEqual(expect.arrayContaining(['birthday-email', 'birthday-sms', 'birthday-card']));
  });

  it('names the file, line and field of an invalid value', () => {
    const journey = {
      path: 'journeys/birthday.yaml',
      text: ['id: birthday', 'name: Birthday', 'trigger:', '  type: birthday', '  sendAt: "9 o\'clock"', 'messages:', '  - id: sms', '    channel: sms', '    template: birthday-sms', ''].join('\n'),
    };

    const result = checkJourneyConfig([journey], [smsTemplate]);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations).toEqual([
      { file: 'journeys/birthday.yaml', line: 5, field: 'trigger.sendAt', message: 'expected a local time as HH:MM' },
    ]);
    expect(formatViolation(result.violations[0]!)).toBe('journeys/birthday.yaml:5 trigger.sendAt: expected a local time as HH:MM');
  });

  it('reports a template that does not exist or is for another channel', () => {
    const journey = {
      path: 'journeys/birthday.yaml',
      text: ['id: birthday', 'name: Birthday', 'trigger: { type: birthday }', 'messages:', '  - id: email', '    channel: email', '    template: birthday-sms', '  - id: card', '    channel: print', '    template: missing-card', ''].join('\n'),
    };

    const result = checkJourneyConfig([journey], [smsTemplate]);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations.map((violation) => [violation.line, violation.field, violation.message])).toEqual([
      [7, 'messages.0.template', 'template "birthday-sms" is for sms, but the message is sent by email'],
      [10, 'messages.1.template', 'no template "missing-card" in journeys/templates/'],
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    const result = checkJourneyConfig([{ path: 'journeys/broken.yaml', text: 'id: x\nname: [unclosed\n' }], []);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations[0]).toMatchObject({ file: 'journeys/broken.yaml', line: expect.any(Number) });
  });

  it('requires an English fallback in every template', () => {
    const result = checkJourneyConfig([], [{ path: 'journeys/templates/x.yaml', text: 'channel: sms\nlocales:\n  zh-CN:\n    text: 你好\n' }]);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations[0]).toMatchObject({ line: 3, field: 'locales', message: expect.stringContaining('"en"') });
  });

  it('throws a JourneyConfigError listing every violation when loading a broken folder', async () => {
    await expect(loadJourneyConfig('test/fixtures/broken-journeys')).rejects.toThrow(JourneyConfigError);
    await expect(loadJourneyConfig('test/fixtures/broken-journeys')).rejects.toThrow(/journeys\.yaml|broken-journeys\/birthday\.yaml:\d+ trigger\.leapDay/);
  });

  it('keeps the committed JSON Schemas in step with the zod schemas (run `npm run schemas`)', async () => {
    for (const [name, generated] of Object.entries(journeyConfigJsonSchemas())) {
      expect(await readFile(`journeys/${name}`, 'utf8'), name).toBe(generated);
    }
  });
});
