import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { Template } from '../../shared/domain/journey/schema';
import { buildMessageContext, greetingName, postalName } from '../../shared/domain/personalisation';
import { createTemplateEngine, englishOrdinal, renderMessage, TemplateRenderError } from '../../shared/domain/render';
import { aCustomerContext } from '../helpers/factories';

const sms = (text: string, zh?: string) =>
  Template.parse({ channel: 'sms', locales: { en: { text }, ...(zh ? { 'zh-CN': { text: zh } } : {}) } });

describe('rendering a message for a customer', () => {
  it('fills in the age, name and dealer in the customer locale', () => {
    const context = buildMessageContext(aCustomerContext({ locale: 'zh-CN', firstName: '伟', lastName: '王', salutation: 'mr', birthDate: '1980-03-14' }), '2026-03-14');

    const rendered = renderMessage(sms('Happy {{ age | ordinal }}', '{{ customer.greetingName }}，祝您{{ age }}岁生日快乐！{{ dealer.name }}'), context);

    expect(rendered).toEqual({ channel: 'sms', text: '王先生，祝您46岁生日快乐！Pudong Premium Motors' });
  });

  it('falls back to English when the template has no version in the customer locale', () => {
    const context = buildMessageContext(aCustomerContext({ locale: 'zh-CN' }), '2026-03-14');

    expect(renderMessage(sms('Hello {{ customer.firstName }}'), context)).toEqual({ channel: 'sms', text: 'Hello Ann' });
  });

  it('escapes customer data in HTML email bodies but not in the subject or text', () => {
    const context = buildMessageContext(aCustomerContext({ firstName: '<b>Ann</b>', salutation: undefined }), '2026-03-14');
    const email = Template.parse({
      channel: 'email',
      locales: { en: { subject: 'Hi {{ customer.firstName }}', html: '<p>{{ customer.firstName }}</p>', text: '{{ customer.firstName }}' } },
    });

    const rendered = renderMessage(email, context);

    expect(rendered).toMatchObject({ subject: 'Hi <b>Ann</b>', html: '<p>&lt;b&gt;Ann&lt;/b&gt;</p>', text: '<b>Ann</b>' });
  });

  it('fails loudly on a misspelt variable instead of sending a blank', () => {
    const context = buildMessageContext(aCustomerContext(), '2026-03-14');

    expect(() => renderMessage(sms('Hi {{ custmer.firstName }}'), context)).toThrow(TemplateRenderError);
  });

  it('fails on a car used without `{% if vehicle %}` for a customer without one, instead of sending a blank', () => {
    const context = buildMessageContext(aCustomerContext({}, []), '2026-03-14');

    expect(() => renderMessage(sms('Enjoy your {{ vehicle.model }}'), context)).toThrow(TemplateRenderError);
    expect(renderMessage(sms('Hi{% if vehicle %} and your {{ vehicle.model }}{% endif %}'), context)).toEqual({ channel: 'sms', text: 'Hi' });
  });

  it('leaves the process stack-trace limit as it found it, whether a render succeeds or fails, and its errors keep their stack', () => {
    const context = buildMessageContext(aCustomerContext({}, []), '2026-03-14');
    const limit = Error.stackTraceLimit;

    renderMessage(sms('Hi{% if vehicle %} and your {{ vehicle.model }}{% endif %}'), context);
    expect(Error.stackTraceLimit).toBe(limit);
    let thrown: unknown;
    try {
      renderMessage(sms('Enjoy your {{ vehicle.model }}'), context);
    } catch (error) {
      thrown = error;
    }
    expect(Error.stackTraceLimit).toBe(limit);
    expect(thrown).toBeInstanceOf(TemplateRenderError);
    expect((thrown as Error).stack).toContain('render');
  });

  it('cannot put a local file into a message: include, render and layout read nothing at send time', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'template-files-'));
    const secret = join(folder, 'secret.liquid');
    await writeFile(secret, 'TOP-SECRET-CONTENT');
    const context = buildMessageContext(aCustomerContext(), '2026-03-14');
    try {
      for (const tag of ['include', 'render', 'layout']) {
        for (const name of [secret, 'package.json']) {
          let sent: unknown;
          try {
            sent = renderMessage(sms(`Hi {% ${tag} "${name}" %}`), context);
          } catch (error) {
            expect(error).toBeInstanceOf(TemplateRenderError);
            expect((error as Error).message).not.toContain('TOP-SECRET');
          }
          expect(sent).toBeUndefined();
        }
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('gives the template engines no file system at all', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'template-files-'));
    const secret = join(folder, 'secret.liquid');
    await writeFile(secret, 'TOP-SECRET-CONTENT');
    try {
      for (const engine of [createTemplateEngine({ escapeHtml: false }), createTemplateEngine({ escapeHtml: true })]) {
        expect(() => engine.renderFileSync(secret)).toThrow();
        await expect(engine.renderFile(secret)).rejects.toThrow();
        expect(() => engine.parseFileSync('package.json')).toThrow();
      }
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('makes its template engines without asking Intl for the machine locale (ICU data loaded at a dispatch cold start)', () => {
    const dateTimeFormat = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      const engines = [createTemplateEngine({ escapeHtml: false }), createTemplateEngine({ escapeHtml: true })];

      expect(engines.map((engine) => engine.options.locale)).toEqual(['en-US', 'en-US']);
      expect(dateTimeFormat).not.toHaveBeenCalled();
    } finally {
      dateTimeFormat.mockRestore();
    }
  });

  it('addresses customers by title and surname where known, first name otherwise', () => {
    expect(greetingName(aCustomerContext({ salutation: 'ms', lastName: 'Lee' }))).toBe('Ms Lee');
    expect(greetingName(aCustomerContext({ salutation: undefined, firstName: 'Ann' }))).toBe('Ann');
    expect(greetingName(aCustomerContext({ locale: 'zh-CN', salutation: 'ms', lastName: '李', firstName: '娜' }))).toBe('李女士');
    expect(postalName(aCustomerContext({ locale: 'zh-CN', salutation: 'ms', lastName: '李', firstName: '娜' }))).toBe('李娜 女士');
    expect(postalName(aCustomerContext({ salutation: 'dr', firstName: 'Ann', lastName: 'Lee' }))).toBe('Dr Ann Lee');
  });

  it('writes English ordinals correctly for every age', () => {
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(englishOrdinal)).toEqual([
      '1st', '2nd', '3rd', '4th', '11th', '12th', '13th', '21st', '22nd', '23rd', '101st', '111th', '112th',
    ]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 150 }), (age) => {
        expect(englishOrdinal(age)).toMatch(new RegExp(`^${age}(st|nd|rd|th)$`));
      }),
    );
  });

  describe('an email whose HTML part is checked, not kept (the simulation)', () => {
    const email = (html: string, text: string, subject = 'Hello') => Template.parse({ channel: 'email', locales: { en: { subject, html, text } } });
    type Outcome = { subject: string; html: string; text: string } | { error: string; field: string | undefined; row: number | undefined };
    const outcomeOf = (render: () => ReturnType<typeof renderMessage>): Outcome => {
      try {
        const rendered = render() as Extract<ReturnType<typeof renderMessage>, { channel: 'email' }>;
        return { subject: rendered.subject, html: rendered.html, text: rendered.text };
      } catch (error) {
        if (!(error instanceof TemplateRenderError)) throw error;
        return { error: error.message, field: error.field, row: error.row };
      }
    };

    it('keeps no HTML when the text part has the same markup, and renders it when the markup differs', () => {
      const context = buildMessageContext(aCustomerContext({ firstName: 'Ann', salutation: undefined }), '2026-03-14');

      const same = renderMessage(email('<p>Dear {{ customer.greetingName }}</p>', 'Dear {{ customer.greetingName }}'), context, { emailHtml: 'checked' });
      const other = renderMessage(email('<p>Dear {{ customer.firstName }}</p>', 'Dear {{ customer.greetingName }}'), context, { emailHtml: 'checked' });

      expect(same).toEqual({ channel: 'email', subject: 'Hello', html: '', text: 'Dear Ann' });
      expect(other).toEqual({ channel: 'email', subject: 'Hello', html: '<p>Dear Ann</p>', text: 'Dear Ann' });
    });

    it("fails with the HTML part's own error, as rendering it first does", () => {
      const context = buildMessageContext(aCustomerContext({}, []), '2026-03-14');
      const template = email('<p>Hi</p>\n<p>your {{ vehicle.model }}</p>', 'Hi, your {{ vehicle.model }}');

      const checked = outcomeOf(() => renderMessage(template, context, { emailHtml: 'checked' }));

      expect(checked).toMatchObject({ field: 'html', row: 2 });
      expect(checked).toEqual(outcomeOf(() => renderMessage(template, context)));
    });

    it('renders the HTML where its literal text can change what the markup does (a capture)', () => {
      const context = buildMessageContext(aCustomerContext(), '2026-03-14');
      const captured = (literal: string) => `{% capture c %}${literal}{% endcapture %}{% if c == "<b>" %}{{ nothing }}{% endif %}`;
      const template = email(captured('<b>'), captured('b'));

      expect(outcomeOf(() => renderMessage(template, context, { emailHtml: 'checked' }))).toMatchObject({ field: 'html' });
    });

    it('fails exactly where rendering the HTML fails, with the same error, and sends the same subject and text (random templates and customers)', () => {
      // Markup pieces around a literal: variables present or missing, guarded or not, filters, conditions on values, a capture of the literal, a parse error.
      const pieces: ((literal: string) => string)[] = [
        () => '{{ customer.greetingName }}',
        () => '{{ vehicle.model }}',
        (literal) => `{% if vehicle %}${literal}{{ vehicle.brand | upcase }}{% endif %}`,
        () => '{{ age | ordinal }}',
        () => '{{ occurrence.years | default: 1 }}',
        (literal) => `{% if age > 40 %}${literal}{{ occurrence.missing }}{% endif %}`,
        (literal) => `{% if customer.interests contains "golf" %}${literal}{% else %}{{ custmer.firstName }}{% endif %}`,
        (literal) => `{% capture said %}${literal}{% endcapture %}{% if said contains "<" %}{{ nothing }}{% endif %}`,
        () => '{{ dealer.name | nosuchfilter }}',
        () => '{% if vehicle %}',
        (literal) => `{% for interest in customer.interests %}${literal}{{ interest }}{% endfor %}`,
      ];
      const literal = fc.constantFrom('', ' ', 'Dear ', '<p>', '</p>', '<br>\n', '\n\n', 'and ');
      const body = fc.array(fc.record({ piece: fc.nat({ max: pieces.length - 1 }), before: literal, inside: literal, htmlBefore: literal, htmlInside: literal }), { maxLength: 5 });
      const customer = fc.record({
        vehicle: fc.boolean(),
        birthDate: fc.option(fc.constantFrom('1950-03-14', '1990-07-01'), { nil: undefined }),
        interests: fc.subarray(['golf', 'family']),
        // The text part's markup: the HTML's, or with one piece left out (both then rendered).
        dropFromText: fc.option(fc.nat({ max: 4 }), { nil: undefined }),
      });
      let checkedOnly = 0;
      let failed = 0;

      fc.assert(
        fc.property(body, customer, (parts, { vehicle, birthDate, interests, dropFromText }) => {
          const html = '<p>Hi</p>' + parts.map(({ piece, htmlBefore, htmlInside }) => `${htmlBefore}${pieces[piece]!(htmlInside)}`).join('');
          const text = 'Hi' + parts.filter((_, index) => index !== dropFromText).map(({ piece, before, inside }) => `${before}${pieces[piece]!(inside)}`).join('');
          const template = email(html, text, 'Hi {{ customer.firstName }}');
          const context = buildMessageContext(aCustomerContext({ birthDate, interests }, vehicle ? undefined : []), '2026-03-14', { years: 3 });

          const rendered = outcomeOf(() => renderMessage(template, context));
          const checked = outcomeOf(() => renderMessage(template, context, { emailHtml: 'checked' }));

          if ('error' in rendered) failed += 1;
          if ('html' in checked && checked.html === '' && 'html' in rendered && rendered.html !== '') checkedOnly += 1;
          expect(checked).toEqual('html' in checked && checked.html === '' && 'html' in rendered ? { ...rendered, html: '' } : rendered);
        }),
        { numRuns: 400 },
      );
      expect(checkedOnly).toBeGreaterThan(20);
      expect(failed).toBeGreaterThan(20);
    });
  });
});

