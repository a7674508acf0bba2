import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const validate = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'scripts/validate-journeys.ts', ...args], { encoding: 'utf8' });

// A valid journeys folder, line by line, so each case below breaks one known line.
const journeyLines = [
  'id: birthday', //                 1
  'name: Birthday', //               2
  'enabled: true', //                3
  'trigger:', //                     4
  '  type: birthday', //             5
  '  sendAt: "09:00"', //            6
  '  leapDay: feb28', //             7
  'audience:', //                    8
  '  stages: [owner]', //            9
  'steps:', //                    10
  '  - id: email', //                11
  '    channel: email', //           12
  '    template: greeting', //       13
];
const templateLines = [
  'channel: email', //                                            1
  'locales:', //                                                  2
  '  en:', //                                                     3
  '    subject: "Happy birthday, {{ customer.greetingName }}"', // 4
  '    html: |', //                                               5
  '      <p>Dear {{ customer.greetingName }},</p>', //            6
  '      {% if vehicle %}<p>{{ vehicle.model }}</p>{% endif %}', // 7
  '      <p>{{ dealer.name }}</p>', //                            8
  '    text: "Happy {{ age | ordinal }} birthday"', //            9
];

const replaced = (lines: string[], line: number, text: string) => lines.map((original, index) => (index === line - 1 ? text : original));

describe('npm run validate', () => {
  let root: string;

  async function journeysFolder(name: string, journey: string[], template: string[]): Promise<string> {
    const folder = join(root, name);
    await mkdir(join(folder, 'templates'), { recursive: true });
    await writeFile(join(folder, 'birthday.yaml'), `${journey.join('\n')}\n`);
    await writeFile(join(folder, 'templates', 'greeting.yaml'), `${template.join('\n')}\n`);
    return folder;
  }

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'validate-cli-'));
  });

  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('accepts the shipped journeys', () => {
    const result = validate();

    expect(result.status).toBe(0);
    expect(result.stdout).toContain('journeys: 12 journeys and 23 templates are valid.');
  });

  it('accepts the valid fixture the cases below break', async () => {
    const folder = await journeysFolder('valid', journeyLines, templateLines);

    const result = validate(folder);

    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('names the file, line and field of each problem and exits 1', () => {
    const result = validate('test/fixtures/broken-journeys');

    expect(result.status).toBe(1);
    expect(result.stderr).toContain('broken-journeys/birthday.yaml:5 trigger.leapDay: Invalid option: expected one of "feb28"|"mar1"');
  });

  it.each([
    {
      problem: 'an unknown template variable',
      template: replaced(templateLines, 8, '      <p>{{ dealer.nmae }}</p>'),
      expected: 'templates/greeting.yaml:8 locales.en.html: unknown variable `dealer.nmae`; did you mean `dealer.name`?',
    },
    {
      problem: 'an unknown filter',
      template: replaced(templateLines, 9, '    text: "Happy {{ age | ordinl }} birthday"'),
      expected: 'templates/greeting.yaml:9 locales.en.text: undefined filter: ordinl',
    },
    {
      problem: 'an unclosed tag',
      template: replaced(templateLines, 7, '      {% if vehicle %}<p>{{ vehicle.model }}</p>'),
      expected: 'templates/greeting.yaml:7 locales.en.html: tag {% if vehicle %} not closed',
    },
    {
      problem: 'an include',
      template: replaced(templateLines, 8, '      {% include "package.json" %}'),
      expected: 'templates/greeting.yaml:8 locales.en.html: {% include %} is not allowed: templates cannot read files',
    },
    {
      problem: 'an unknown YAML key',
      journey: replaced(journeyLines, 3, 'enabeld: false'),
      expected: 'birthday.yaml:3 enabeld: unknown key `enabeld`; did you mean `enabled`?',
    },
    {
      problem: 'a YAML syntax error on line 13',
      journey: replaced(journeyLines, 13, '    template: greeting: email'),
      expected: 'birthday.yaml:13 YAML syntax: ',
    },
    {
      problem: 'a sendAt between hours',
      journey: replaced(journeyLines, 6, '  sendAt: "23:30"'),
      expected: 'birthday.yaml:6 trigger.sendAt: expected a whole hour such as "09:00"',
    },
  ])('exits 1 naming the file and line of $problem', async ({ problem, journey, template, expected }) => {
    const folder = await journeysFolder(problem.replace(/\W+/g, '-'), journey ?? journeyLines, template ?? templateLines);

    const result = validate(folder);

    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`${basename(folder)}/${expected}`);
    expect(result.stderr).toContain('1 problem(s) found');
  });
});
