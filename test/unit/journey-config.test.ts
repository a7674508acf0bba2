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
      text: ['id: birthday', 'name: Birthday', 'trigger:', '  type: birthday', '  sendAt: "9 o\'clock"', 'steps:', '  - id: sms', '    channel: sms', '    template: birthday-sms', ''].join('\n'),
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
      text: ['id: birthday', 'name: Birthday', 'trigger: { type: birthday }', 'steps:', '  - id: email', '    channel: email', '    template: birthday-sms', '  - id: card', '    channel: print', '    template: missing-card', ''].join('\n'),
    };

    const result = checkJourneyConfig([journey], [smsTemplate]);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations.map((violation) => [violation.line, violation.field, violation.message])).toEqual([
      [7, 'steps.0.template', 'template "birthday-sms" is for sms, but the step is sent by email'],
      [10, 'steps.1.template', 'no template "missing-card" in journeys/templates/'],
    ]);
  });

  it('checks a step\'s fallback: another channel than the step\'s, and a template for that channel', () => {
    const withFallback = (fallback: string) => ({
      path: 'journeys/birthday.yaml',
      text: ['id: birthday', 'name: Birthday', 'trigger: { type: birthday }', 'steps:', '  - id: sms', '    channel: sms', '    template: birthday-sms', `    fallback: ${fallback}`, ''].join('\n'),
    });
    const emailTemplate = { path: 'journeys/templates/birthday-email.yaml', text: 'channel: email\nlocales:\n  en:\n    subject: Hi\n    html: "<p>Hi {{ customer.firstName }}</p>"\n    text: "Hi {{ customer.firstName }}"\n' };
    const messagesOf = (fallback: string) => {
      const result = checkJourneyConfig([withFallback(fallback)], [smsTemplate, emailTemplate]);
      return result.ok ? [] : result.violations.map((violation) => [violation.line, violation.field, violation.message]);
    };

    expect(messagesOf('{ channel: email, template: birthday-email }')).toEqual([]);
    expect(messagesOf('{ channel: email, template: birthday-sms }')).toEqual([[8, 'steps.0.fallback.template', 'template "birthday-sms" is for sms, but the step is sent by email']]);
    expect(messagesOf('{ channel: email, template: nowhere }')).toEqual([[8, 'steps.0.fallback.template', 'no template "nowhere" in journeys/templates/']]);
    expect(messagesOf('{ channel: sms, template: birthday-sms }')).toEqual([[8, 'steps.0.fallback.channel', "a fallback goes by another channel than the step's"]]);
  });

  it('checks a journey\'s quiet hours per channel', () => {
    const journey = {
      path: 'journeys/birthday.yaml',
      text: ['id: birthday', 'name: Birthday', 'trigger: { type: birthday }', 'quietHours: { sms: "20:00-09:00", email: none }', 'steps:', '  - id: sms', '    channel: sms', '    template: birthday-sms', ''].join('\n'),
    };

    const result = checkJourneyConfig([journey], [smsTemplate]);

    expect(result.ok ? [] : result.violations.map((violation) => [violation.line, violation.field, violation.message])).toEqual([
      [4, 'quietHours.sms', 'the window must start before it ends, within one day'],
    ]);
  });

  it('reports a YAML syntax error at its real line, not line 1', () => {
    const lines = Array.from({ length: 12 }, (_, index) => `# comment ${index + 1}`);
    const text = [...lines, 'name: Birthday: greeting', 'id: x', ''].join('\n');

    const result = checkJourneyConfig([{ path: 'journeys/broken.yaml', text }], []);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations).toHaveLength(1);
    expect(result.violations[0]).toMatchObject({ file: 'journeys/broken.yaml', line: 13, message: expect.stringMatching(/^YAML syntax: /) });
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

const journeyYaml = (lines: string[]) => ({ path: 'journeys/birthday.yaml', text: `${lines.join('\n')}\n` });
const birthdayJourney = (extra: { top?: string[]; trigger?: string[] } = {}) =>
  journeyYaml([
    'id: birthday',
    'name: Birthday',
    ...(extra.top ?? []),
    'trigger:',
    '  type: birthday',
    ...(extra.trigger ?? []),
    'steps:',
    '  - id: sms',
    '    channel: sms',
    '    template: birthday-sms',
  ]);
const violationsOf = (journeys: { path: string; text: string }[], templates: { path: string; text: string }[]) => {
  const result = checkJourneyConfig(journeys, templates);
  return result.ok ? [] : result.violations;
};

describe('journey config: unknown keys', () => {
  it('rejects a misspelt key on its own line, naming the key meant', () => {
    const violations = violationsOf([birthdayJourney({ top: ['enabeld: false'] })], [smsTemplate]);

    expect(violations).toEqual([
      { file: 'journeys/birthday.yaml', line: 3, field: 'enabeld', message: 'unknown key `enabeld`; did you mean `enabled`?' },
    ]);
  });

  it('rejects unknown keys inside the trigger, a message and a template, each with the nearest known key', () => {
    const journey = journeyYaml([
      'id: birthday',
      'name: Birthday',
      'trigger:',
      '  type: birthday',
      '  sendat: "09:00"',
      'steps:',
      '  - id: sms',
      '    chanel: sms',
      '    channel: sms',
      '    template: birthday-sms',
    ]);
    const template = { path: 'journeys/templates/birthday-sms.yaml', text: 'channel: sms\nlocales:\n  en:\n    text: "Hi"\n    txet: "Hi"\n  zh-cn:\n    text: "你好"\n' };

    const violations = violationsOf([journey], [template]);

    expect(violations.map(formatViolation).sort()).toEqual([
      'journeys/birthday.yaml:5 trigger.sendat: unknown key `sendat`; did you mean `sendAt`?',
      'journeys/birthday.yaml:8 steps.0.chanel: unknown key `chanel`; did you mean `channel`?',
      'journeys/templates/birthday-sms.yaml:5 locales.en.txet: unknown key `txet`; did you mean `text`?',
      'journeys/templates/birthday-sms.yaml:6 locales.zh-cn: unknown key `zh-cn`; did you mean `zh-CN`?',
    ]);
  });

  it('lists the keys allowed where no known key is close', () => {
    const violations = violationsOf([birthdayJourney({ top: ['colour: red'] })], [smsTemplate]);

    expect(violations[0]!.message).toBe(
      'unknown key `colour`; expected one of `id`, `name`, `description`, `enabled`, `trigger`, `audience`, `category`, `priority`, `steps`, `sender`, `quietHours`',
    );
  });
});

describe('journey config: sendAt', () => {
  it('rejects a time between hours, saying the schedule runs on the hour', () => {
    const violations = violationsOf([birthdayJourney({ trigger: ['  sendAt: "23:30"'] })], [smsTemplate]);

    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ file: 'journeys/birthday.yaml', line: 5, field: 'trigger.sendAt' });
    expect(violations[0]!.message).toMatch(/whole hour such as "09:00".*schedule runs hourly on the hour/);
  });

  it('accepts a time on the hour', () => {
    const result = checkJourneyConfig([birthdayJourney({ trigger: ['  sendAt: "09:00"'] })], [smsTemplate]);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.journeys[0]!.trigger).toMatchObject({ sendAt: '09:00' });
  });
});

const emailTemplate = (zhHtml: string[], enText = 'Dear {{ customer.greetingName }}') => ({
  path: 'journeys/templates/birthday-email.yaml',
  text: [
    'channel: email',
    'locales:',
    '  en:',
    '    subject: "Happy birthday"',
    '    html: "<p>Hi</p>"',
    `    text: "${enText}"`,
    '  zh-CN:',
    '    subject: "生日快乐"',
    '    html: |',
    ...zhHtml.map((line) => `      ${line}`),
    '    text: "你好"',
    '',
  ].join('\n'),
});
const emailJourney = journeyYaml(['id: birthday', 'name: Birthday', 'trigger: { type: birthday }', 'steps:', '  - id: email', '    channel: email', '    template: birthday-email']);

describe('journey config: the Liquid in templates', () => {
  it('accepts every shipped template, which reads only known variables', () => {
    const violations = violationsOf([emailJourney], [emailTemplate(['<p>{{ customer.greetingName }}</p>', '{% if vehicle %}{{ vehicle.model }}{% endif %}'])]);

    expect(violations).toEqual([]);
  });

  it('reports an unknown variable at its line inside a block, for the locale that has it', () => {
    const violations = violationsOf([emailJourney], [emailTemplate(['<p>{{ customer.greetingName }}</p>', '<p>{{ custmer.firstName }}</p>'])]);

    expect(violations.map(formatViolation)).toEqual([
      'journeys/templates/birthday-email.yaml:11 locales.zh-CN.html: unknown variable `custmer.firstName`; did you mean `customer.firstName`?',
    ]);
  });

  it('reports an unknown property of a known variable', () => {
    const violations = violationsOf([emailJourney], [emailTemplate(['<p>Hi</p>'], 'Your {{ vehicle.colour }}')]);

    expect(violations).toEqual([
      { file: 'journeys/templates/birthday-email.yaml', line: 6, field: 'locales.en.text', message: expect.stringMatching(/^unknown variable `vehicle.colour`/) },
    ]);
  });

  it('reports an unknown filter, an unclosed tag and an end tag without its start, each with its line', () => {
    const violations = violationsOf([emailJourney], [emailTemplate(['<p>{{ age | ordnal }}</p>', '{% if vehicle %}<p>{{ vehicle.model }}</p>', '<p>Bye</p>'])]);

    expect(violations.map(formatViolation)).toEqual(['journeys/templates/birthday-email.yaml:10 locales.zh-CN.html: undefined filter: ordnal']);
    const unclosed = violationsOf([emailJourney], [emailTemplate(['<p>Hi</p>', '{% if vehicle %}<p>{{ vehicle.model }}</p>'])]);
    expect(unclosed.map(formatViolation)).toEqual(['journeys/templates/birthday-email.yaml:11 locales.zh-CN.html: tag {% if vehicle %} not closed']);
  });

  it.each(['{% include "package.json" %}', "{% render 'README.md' %}", '{% layout "default" %}'])('rejects a template that reads a file: %s', (tag) => {
    const violations = violationsOf([emailJourney], [emailTemplate(['<p>Hi</p>', tag])]);

    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ line: 11, field: 'locales.zh-CN.html', message: expect.stringContaining('templates cannot read files') });
  });

  it('renders each template against the journey trigger samples: a car used outside `{% if vehicle %}` fails for customers without one', () => {
    const violations = violationsOf([emailJourney], [emailTemplate(['<p>Hi</p>', '<p>Enjoy your {{ vehicle.model }}</p>'])]);

    expect(violations).toEqual([
      {
        file: 'journeys/templates/birthday-email.yaml',
        line: 11,
        field: 'locales.zh-CN.html',
        message: 'cannot render html: undefined variable: vehicle, for a birthday customer without a vehicle (journey "birthday")',
      },
    ]);
  });
});
