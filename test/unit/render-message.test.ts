import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { Template } from '../../shared/domain/journey/schema';
import { buildMessageContext, greetingName, latestVehicle, postalName } from '../../shared/domain/personalisation';
import { Liquid } from 'liquidjs';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { contextVariablesOf, createTemplateEngine, englishOrdinal, isHtmlField, renderMessage, TemplateRenderError, type RenderedMessage } from '../../shared/domain/render';
import { renderPlanOf, rendersSurely } from '../../shared/domain/render-check';
import { directTemplateOf, renderDirectly } from '../../shared/domain/render-direct';
import { aCustomerContext, aVehicle } from '../helpers/factories';
import { shippedJourneysDir } from '../helpers/shipped-journeys';

// Watched, to count the fields a message had rendered without Liquid.
vi.mock('../../shared/domain/render-direct', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../shared/domain/render-direct')>();
  return { ...original, renderDirectly: vi.fn(original.renderDirectly) };
});

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

  it('takes the car delivered last, the first listed of a day, as sorting the cars newest first does (random cars, shared days)', () => {
    const anyDay = fc.date({ min: new Date('1990-01-01'), max: new Date('2039-12-31'), noInvalidDate: true }).map((day) => day.toISOString().slice(0, 10));
    const car = fc.record({ vin: fc.uuid(), deliveredOn: fc.oneof(fc.constantFrom('2019-12-31', '2020-01-01', '2020-01-02', '2024-06-30'), anyDay) });
    fc.assert(
      fc.property(fc.array(car, { maxLength: 6 }), (cars) => {
        expect(latestVehicle(cars)).toBe([...cars].sort((a, b) => b.deliveredOn.localeCompare(a.deliveredOn))[0]);
      }),
      { numRuns: 300 },
    );
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

  describe('fields no sender reads, checked instead of rendered (the simulation)', () => {
    const email = (html: string, text: string, subject = 'Hello') => Template.parse({ channel: 'email', locales: { en: { subject, html, text } } });
    type Outcome = { rendered: RenderedMessage } | { error: string; field: string | undefined; row: number | undefined };
    const outcomeOf = (render: () => RenderedMessage): Outcome => {
      try {
        return { rendered: render() };
      } catch (error) {
        if (!(error instanceof TemplateRenderError)) throw error;
        return { error: error.message, field: error.field, row: error.row };
      }
    };
    /** What a checked message keeps of a rendered one: an SMS's text, and no other field's output. */
    const kept = (rendered: RenderedMessage): RenderedMessage => {
      switch (rendered.channel) {
        case 'email':
          return { ...rendered, subject: '', html: '', text: '' };
        case 'print':
          return { ...rendered, headline: '', body: '', signoff: '', ...(rendered.items ? { items: [] } : {}), ...(rendered.invitation !== undefined ? { invitation: '' } : {}) };
        case 'task':
          return { ...rendered, title: '', body: '' };
        case 'sms':
          return rendered;
      }
    };

    // Markup pieces around a literal: variables present or missing, guarded or not, filters,
    // conditions the plan tells and ones it cannot (blank, nil), case, Liquid's size/first/last,
    // and what has no plan (capture, loops, unless, dynamic keys, a filter's wrong arguments, parse errors).
    const pieces: ((literal: string) => string)[] = [
      () => '{{ customer.greetingName }}',
      () => '{{ vehicle.model }}',
      (literal) => `{% if vehicle %}${literal}{{ vehicle.brand | upcase }}{% endif %}`,
      () => '{{ age | ordinal }}',
      () => '{{ occurrence.years | default: 1 }}',
      () => '{{ occurrence.tier | default: occurrence.nextTier }}',
      (literal) => `{% if age > 40 %}${literal}{{ occurrence.missing }}{% endif %}`,
      (literal) => `{% if customer.interests contains "golf" %}${literal}{% else %}{{ custmer.firstName }}{% endif %}`,
      (literal) => `{% if unsubscribeUrl %}${literal}{{ unsubscribeUrl }}{% endif %}`,
      (literal) => `{% case occurrence.tier %}{% when 'gold' %}{{ occurrence.points }}{% when 'silver', 'gold' %}${literal}{{ occurrence.nextTier }}{% else %}{{ vehicle.fuel | downcase }}{% endcase %}`,
      (literal) => `{% if occurrence.endsBy == 'mileage' and occurrence.endKm %}{{ occurrence.endKm }}{% elsif occurrence.endsBy != 'time' or age %}${literal}{{ occurrence.endDate }}{% else %}{{ sender.name | capitalize }}{% endif %}`,
      (literal) => `{% if occurrence.comment != blank %}${literal}{{ occurrence.comment }}{% endif %}`,
      (literal) => `{% if occurrence.tier == nil %}${literal}{% else %}{{ occurrence.points }}{% endif %}`,
      () => '{{ customer.interests.size }}{{ customer.interests.first }}',
      () => '{{ customer.interests.last | escape }}',
      () => '{{ customer.interests[0] }}{{ customer.interests[-1] }}{{ customer.firstName.size }}',
      () => '{{ occurrence.points.size }}{{ size }}',
      () => '{{ dealer.name | append: occurrence.brand }}{{ dealer.name | prepend: "x" }}',
      () => '{{ dealer.name | prepend: "x", "y" }}',
      () => '{{ dealer.name | append: "x", "y" }}',
      (literal) => `{% if occurrence.comment == empty %}${literal}{{ occurrence.missing }}{% else %}x{% endif %}`,
      (literal) => `{% if size == 0 %}${literal}{{ occurrence.missing }}{% endif %}{% if customer.size > 3 %}{{ occurrence.brand }}{% endif %}`,
      (literal) => `{% if vehicle.fuel == "ev" %}${literal}{{ occurrence.batteryKm }}{% endif %}`,
      (literal) => `{% capture said %}${literal}{% endcapture %}{% if said contains "<" %}{{ nothing }}{% endif %}`,
      (literal) => `{% for interest in customer.interests %}${literal}{{ interest.name }}{% endfor %}`,
      (literal) => `{% unless vehicle %}${literal}{{ vehicle.model }}{% endunless %}`,
      () => '{{ customer[occurrence.key] }}',
      () => '{{ dealer.name | nosuchfilter }}',
      () => '{% if vehicle %}',
      () => '{{ "quoted" }}{{ 7 }}{{ nil }}{{ true }}{{ customer.interests }}{{ dealer }}',
      (literal) => `{% comment %}{{ nothing }}{% endcomment %}{% # a note %}${literal}`,
      (literal) => `{% raw %}{{ ${literal} }}{% endraw %}`,
      () => '{{ blank }}{{ occurrence.tier | ordinal }}{{ customer.greetingName | upcase | ordinal }}',
    ];
    const literal = fc.constantFrom('', ' ', 'Dear ', '<p>', '\n', 'and ');
    const body = fc.array(fc.record({ piece: fc.nat({ max: pieces.length - 1 }), before: literal, inside: literal }), { maxLength: 4 }).map((parts) => 'Hi' + parts.map(({ piece, before, inside }) => `${before}${pieces[piece]!(inside)}`).join(''));
    const template = fc.oneof(
      fc.record({ subject: body, html: body, text: body }).map((en) => Template.parse({ channel: 'email', locales: { en } })),
      body.map((text) => Template.parse({ channel: 'sms', locales: { en: { text } } })),
      fc.record({ headline: body, body, signoff: body, items: body, invitation: body }).map((en) => Template.parse({ channel: 'print', design: 'welcome-letter', locales: { en } })),
      fc.record({ title: body.filter((title) => title.length <= 200), body }).map((en) => Template.parse({ channel: 'task', dueInDays: 1, locales: { en } })),
    );
    const customer = fc.record({
      vehicle: fc.option(fc.constantFrom('ev' as const, 'petrol' as const, 'unknown fuel' as const), { nil: undefined }),
      birthDate: fc.option(fc.constantFrom('1950-03-14', '1990-07-01'), { nil: undefined }),
      interests: fc.subarray(['golf', 'family']),
      facts: fc.record(
        { tier: fc.constantFrom('gold', 'silver', 'bronze'), points: fc.nat({ max: 900 }), nextTier: fc.constantFrom('gold', 'silver'), endsBy: fc.constantFrom('mileage', 'time'), endKm: fc.nat({ max: 9 }), endDate: fc.constant('2027-01-01'), comment: fc.constantFrom('', ' ', 'ok'), batteryKm: fc.nat(), brand: fc.constant('Volvo'), key: fc.constantFrom('firstName', 'nothing') },
        { requiredKeys: [] },
      ),
      unsubscribeUrl: fc.option(fc.constant('https://example.com/u'), { nil: undefined }),
    });
    /** Renders a message both ways: the outcomes, and how many fewer renders checking took. */
    const contextOf = ({ vehicle, birthDate, interests, facts, unsubscribeUrl }: typeof customer extends fc.Arbitrary<infer T> ? T : never) => {
      const vehicles = vehicle ? [aVehicle(vehicle === 'unknown fuel' ? {} : { fuel: vehicle })] : [];
      return buildMessageContext(aCustomerContext({ birthDate, interests }, vehicles), '2026-03-14', facts, undefined, unsubscribeUrl);
    };
    const bothWays = (message: Template, who: typeof customer extends fc.Arbitrary<infer T> ? T : never) => {
      const context = contextOf(who);
      const renders = vi.spyOn(Liquid.prototype, 'renderSync');
      const direct = vi.mocked(renderDirectly);
      direct.mockClear();
      // Fields rendered, by Liquid or directly (a direct render that cannot tell goes on to Liquid).
      const rendersDone = () => renders.mock.calls.length + direct.mock.results.filter((result) => result.type === 'return' && result.value !== undefined).length;
      try {
        const rendered = outcomeOf(() => renderMessage(message, context));
        const all = rendersDone();
        const checked = outcomeOf(() => renderMessage(message, context, { unreadFields: 'checked' }));
        return { rendered, checked, skipped: 2 * all - rendersDone() };
      } finally {
        renders.mockRestore();
      }
    };

    it("keeps none of a field's output but an SMS's text", () => {
      const context = buildMessageContext(aCustomerContext({ firstName: 'Ann', salutation: undefined }), '2026-03-14');
      const print = Template.parse({ channel: 'print', design: 'welcome-letter', locales: { en: { headline: 'Hi {{ customer.firstName }}', body: 'b', signoff: 's', items: 'a\nb', invitation: 'i' } } });
      const task = Template.parse({ channel: 'task', dueInDays: 2, locales: { en: { title: 'Call {{ customer.firstName }}', body: 'b' } } });

      expect(renderMessage(email('<p>Dear {{ customer.greetingName }}</p>', 'Dear {{ customer.greetingName }}'), context, { unreadFields: 'checked' })).toEqual({ channel: 'email', subject: '', html: '', text: '' });
      expect(renderMessage(sms('Hi {{ customer.firstName }}'), context, { unreadFields: 'checked' })).toEqual({ channel: 'sms', text: 'Hi Ann' });
      expect(renderMessage(print, context, { unreadFields: 'checked' })).toMatchObject({ headline: '', body: '', signoff: '', items: [], invitation: '' });
      expect(renderMessage(task, context, { unreadFields: 'checked' })).toMatchObject({ title: '', body: '', dueInDays: 2 });
    });

    it('fails with the first failing field\'s own error, as rendering them in order does', () => {
      const context = buildMessageContext(aCustomerContext({}, []), '2026-03-14');
      const template = email('<p>Hi</p>\n<p>your {{ vehicle.model }}</p>', 'Hi, your {{ vehicle.model }}');

      const checked = outcomeOf(() => renderMessage(template, context, { unreadFields: 'checked' }));

      expect(checked).toMatchObject({ field: 'html', row: 2 });
      expect(checked).toEqual(outcomeOf(() => renderMessage(template, context)));
    });

    it('renders what its plan cannot tell (a capture, a loop, a dynamic key) for the error', () => {
      const context = buildMessageContext(aCustomerContext(), '2026-03-14');
      for (const body of ['{% capture c %}x{% endcapture %}{% if c == "x" %}{{ nothing }}{% endif %}', '{% for i in customer.interests %}{{ i.nothing }}{% endfor %}', '{{ customer[locale] }}']) {
        const interested = buildMessageContext(aCustomerContext({ interests: ['golf'] }), '2026-03-14');
        expect(outcomeOf(() => renderMessage(email(body, 'x'), interested, { unreadFields: 'checked' }))).toMatchObject({ field: 'html' });
        expect(renderPlanOf(createTemplateEngine({ escapeHtml: false }).parse(body), createTemplateEngine({ escapeHtml: false }))).toBeUndefined();
      }
      expect(renderMessage(email('x', 'x'), context, { unreadFields: 'checked' })).toMatchObject({ html: '' });
    });

    it("gives an email's HTML and text one plan when they read the same, each read once a level; a scope it fails still fails after one it found sure", () => {
      const engines = { plain: createTemplateEngine({ escapeHtml: false }), html: createTemplateEngine({ escapeHtml: true }) };
      const html = '<p>Dear {{ customer.greetingName }}</p>{% if vehicle %}<p>{{ occurrence.model }} {{ vehicle.model }}</p>{% endif %}{{ customer.greetingName }}';
      const text = 'Dear {{ customer.greetingName }}\n{% if vehicle %}{{ occurrence.model }} {{ vehicle.model }}{% endif %}\n{{ customer.greetingName }}';
      const plan = renderPlanOf(engines.html.parse(html), engines.html);

      expect(renderPlanOf(engines.plain.parse(text), engines.plain)).toBe(plan);
      expect(plan![0]).toEqual({ reads: [['customer', 'greetingName']] });

      const template = email(html, text);
      const withModel = buildMessageContext(aCustomerContext(), '2026-03-14', { model: 'X5' });
      const withoutModel = buildMessageContext(aCustomerContext(), '2026-03-14');
      expect(renderMessage(template, withModel, { unreadFields: 'checked' })).toEqual({ channel: 'email', subject: '', html: '', text: '' });
      expect(outcomeOf(() => renderMessage(template, withoutModel, { unreadFields: 'checked' }))).toEqual(outcomeOf(() => renderMessage(template, withoutModel)));
      expect(outcomeOf(() => renderMessage(template, withoutModel, { unreadFields: 'checked' }))).toMatchObject({ field: 'html' });
      expect(outcomeOf(() => renderMessage(email('x', text), withoutModel, { unreadFields: 'checked' }))).toMatchObject({ field: 'text' });
    });

    it('gives every shipped template a plan that tells it renders, for a context with all it reads', async () => {
      const { templates } = await loadJourneyConfig(shippedJourneysDir);
      const engines = { plain: createTemplateEngine({ escapeHtml: false }), html: createTemplateEngine({ escapeHtml: true }) };
      let fields = 0;
      for (const [name, template] of templates) {
        for (const [locale, content] of Object.entries(template.locales)) {
          for (const [field, source] of Object.entries(content as Record<string, string>)) {
            const engine = isHtmlField(template.channel, field) ? engines.html : engines.plain;
            const parsed = engine.parse(source);
            const facts = Object.fromEntries(contextVariablesOf(parsed).flatMap((variable) => (variable.segments[0] === 'occurrence' ? [[String(variable.segments[1]), 'x']] : [])));
            const context = buildMessageContext(aCustomerContext({ locale: locale as 'en', birthDate: '1980-03-14' }), '2026-03-14', facts, undefined, 'https://example.com/u');
            const plan = renderPlanOf(parsed, engine);

            expect(plan, `${name} ${locale} ${field}`).toBeDefined();
            expect(rendersSurely(plan!, { ...context }, engine.options.globals), `${name} ${locale} ${field}`).toBe(true);
            fields += 1;
          }
        }
      }
      expect(fields).toBeGreaterThan(150);
    });

    it('fails exactly where rendering fails, with the same error, and keeps the same SMS text (random templates and customers)', () => {
      let failed = 0;
      let succeeded = 0;
      let skippedRenders = 0;

      fc.assert(
        fc.property(template, customer, (message, who) => {
          const { rendered, checked, skipped } = bothWays(message, who);
          skippedRenders += skipped;
          if ('error' in rendered) failed += 1;
          else succeeded += 1;
          expect(checked).toEqual('rendered' in rendered ? { rendered: kept(rendered.rendered) } : rendered);
        }),
        { numRuns: 400 },
      );
      expect(failed).toBeGreaterThan(100);
      expect(succeeded).toBeGreaterThan(40);
      expect(skippedRenders).toBeGreaterThan(150);
    });

    it('tells a single field renders only where it does, and tells it for most that do (random fields and customers)', () => {
      let told = 0;
      let renders = 0;
      let failed = 0;

      fc.assert(
        fc.property(body, customer, (text, who) => {
          const message = Template.parse({ channel: 'task', dueInDays: 1, locales: { en: { title: 'Call', body: text } } });
          const { rendered, checked, skipped } = bothWays(message, who);
          if ('error' in rendered) failed += 1;
          else renders += 1;
          told += skipped;
          expect(checked).toEqual('rendered' in rendered ? { rendered: kept(rendered.rendered) } : rendered);
        }),
        { numRuns: 1500 },
      );
      expect(failed).toBeGreaterThan(300);
      // The title always, and the body where the plan tells it.
      expect(told - renders).toBeGreaterThan(renders / 3);
    });

    it('renders a text directly exactly as Liquid renders it, and leaves to Liquid what it cannot tell, every failure among them (random texts and customers)', () => {
      const engines = { plain: createTemplateEngine({ escapeHtml: false }), html: createTemplateEngine({ escapeHtml: true }) };
      const pure = new Set([englishOrdinal]);
      let told = 0;
      let failed = 0;
      let untold = 0;

      fc.assert(
        fc.property(body, customer, (text, who) => {
          let parsed;
          try {
            parsed = engines.plain.parse(text);
          } catch {
            return;
          }
          // The scope as rendering gives it: the context without its nulls.
          const scope = Object.fromEntries(Object.entries(contextOf(who)).filter(([, value]) => value !== null));
          let byLiquid: { text: string } | { error: string };
          try {
            byLiquid = { text: engines.plain.renderSync(parsed, scope) as string };
          } catch (error) {
            byLiquid = { error: (error as Error).message };
          }
          // An escaping engine's outputs go through a filter that reads its render context: always Liquid's.
          expect(directTemplateOf(parsed, engines.html, pure)).toBeUndefined();
          const direct = directTemplateOf(parsed, engines.plain, pure);
          const directly = direct && renderDirectly(direct, scope, engines.plain.options.globals);
          if ('error' in byLiquid) failed += 1;
          if (directly === undefined) untold += 1;
          else {
            told += 1;
            expect(byLiquid).toEqual({ text: directly });
          }
        }),
        {
          numRuns: 1500,
          // What chance seldom puts together: a list of two printed, literals, a filtered value, a case.
          examples: [
            [
              `Hi {{ customer.interests }}|{{ "q" }}{{ 7 }}{{ true }}|{{ age | ordinal }}{% case occurrence.tier %}{% when 'gold', 'x' %}G{% when 'gold' %}g{% else %}E{% endcase %}{% if age > 40 %}old{% elsif vehicle %}car{% endif %}`,
              { vehicle: 'ev', birthDate: '1950-03-14', interests: ['golf', 'family'], facts: { tier: 'gold' }, unsubscribeUrl: undefined },
            ],
          ],
        },
      );
      expect(failed).toBeGreaterThan(300);
      expect(told).toBeGreaterThan(300);
      expect(untold).toBeGreaterThan(300);
    });

    it('renders each shipped SMS, and most other plain fields, directly as Liquid does, in both locales', async () => {
      const { templates } = await loadJourneyConfig(shippedJourneysDir);
      const engine = createTemplateEngine({ escapeHtml: false });
      let direct = 0;
      for (const [name, template] of templates) {
        for (const [locale, content] of Object.entries(template.locales)) {
          for (const [field, source] of Object.entries(content as Record<string, string>)) {
            if (isHtmlField(template.channel, field)) continue;
            const parsed = engine.parse(source);
            const facts = Object.fromEntries(contextVariablesOf(parsed).flatMap((variable) => (variable.segments[0] === 'occurrence' ? [[String(variable.segments[1]), 'x']] : [])));
            const scope = { ...buildMessageContext(aCustomerContext({ locale: locale as 'en', birthDate: '1980-03-14' }), '2026-03-14', facts, undefined, 'https://example.com/u') };
            const form = directTemplateOf(parsed, engine, new Set([englishOrdinal]));
            const directly = form && renderDirectly(form, scope, engine.options.globals);
            // An SMS's text, the one field the simulation renders, always is.
            if (template.channel === 'sms') expect(directly, `${name} ${locale}`).toBeDefined();
            if (directly === undefined) continue;
            direct += 1;
            expect(directly, `${name} ${locale} ${field}`).toBe(engine.renderSync(parsed, scope));
          }
        }
      }
      expect(direct).toBeGreaterThan(100);
    });
  });
});

