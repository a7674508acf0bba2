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
});
