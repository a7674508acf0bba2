import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createPdfPrintRenderer } from '../../shared/adapters/print/pdf-print-renderer';
import { WELCOME_LETTER } from '../../shared/adapters/print/designs/welcome-letter';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import type { CustomerContext } from '../../shared/domain/customer';
import { chooseSender } from '../../shared/domain/brand';
import { Template } from '../../shared/domain/journey/schema';
import { buildMessageContext } from '../../shared/domain/personalisation';
import { renderMessage } from '../../shared/domain/render';
import { UnprintablePieceError } from '../../shared/domain/errors';
import type { PrintPiece } from '../../shared/ports/print';
import { printPieceOf } from '../../shared/domain/print-piece';
import { inspectPdf } from '../helpers/inspect-pdf';
import { aBrand, aCustomerContext, aDealer, aVehicle } from '../helpers/factories';

const FONT = fileURLToPath(new URL('../../journeys/assets/fonts/NotoSansSC-Regular.ttf', import.meta.url));
const renderer = createPdfPrintRenderer(FONT, { now: () => new Date('2026-03-14T00:00:00Z') });
const brand = aBrand();
const facts = { brand: 'BMW', model: 'iX', deliveredOn: '2026-02-12' };

function aLetter(overrides: Partial<PrintPiece> = {}): PrintPiece {
  return {
    design: 'welcome-letter',
    locale: 'en',
    age: null,
    headline: 'Welcome to the BMW family, Ms Lee',
    body: 'A month ago you took delivery of your BMW iX. In your pack you will find:',
    items: ['The owner’s handbook', 'A home charging guide', 'An invitation to our owners’ golf day'],
    invitation: 'You are invited to our year-long owner experience programme.',
    signoff: 'Warm regards, Bavaria Motors Customer Centre',
    recipient: { name: 'Ms Ann Lee', address: { lines: ['1 High Street'], postcode: 'SW1A 1AA', city: 'London', country: 'GB' } },
    sender: { name: brand.name, address: brand.address },
    ...overrides,
  };
}

/** The welcome pack's letter for a customer, from a template, as the dispatch renders it. */
async function letterFor(template: Template, context: CustomerContext): Promise<Uint8Array> {
  const chosen = chooseSender('brand', context.dealer, brand);
  if (!chosen.ok) throw new Error(chosen.reason);
  const rendered = renderMessage(template, buildMessageContext(context, '2026-03-14', facts, chosen.sender));
  if (rendered.channel !== 'print') throw new Error('expected a print template');
  const choice = printPieceOf(rendered, context.customer, chosen.sender);
  if (!choice.ok) throw new Error(choice.reason);
  return renderer.renderPrintPiece(choice.piece);
}

describe('welcome-letter print design', () => {
  it('draws one listed item for each item of the piece, the invitation, and the brand in the window', async () => {
    const pdf = await renderer.renderPrintPiece(aLetter());

    const { marked, text, pages } = await inspectPdf(pdf);

    expect(pages).toBe(1);
    expect(marked.PackItem).toBe(3);
    expect(marked.Invitation).toBe(1);
    expect(text).toContain('An invitation to our owners’ golf day');
    expect(text).toContain('Bavaria Motors Customer Centre · 1 Brand Plaza · 100027 Beijing');
    expect(text).toContain('Ms Ann Lee');
  });

  it('is an A4 page whose address field sits where a DL window envelope shows it', async () => {
    const { placedText } = await inspectPdf(await renderer.renderPrintPiece(aLetter()));

    const name = placedText.find((run) => run.str === 'Ms Ann Lee')!;
    const window = WELCOME_LETTER.addressWindow;
    expect(WELCOME_LETTER.page.width / WELCOME_LETTER.page.height).toBeCloseTo(210 / 297, 3);
    expect(name.x).toBeGreaterThanOrEqual(window.x);
    expect(name.x + name.width).toBeLessThanOrEqual(window.x + window.width);
    expect(name.y).toBeGreaterThan(window.y);
    expect(name.y).toBeLessThan(window.y + window.height);
  });

  it('sets a Chinese letter in the embedded Noto Sans SC font', async () => {
    const pdf = await renderer.renderPrintPiece(
      aLetter({ locale: 'zh-CN', headline: '王先生，欢迎加入车主大家庭', body: '欢迎礼包内含：', items: ['车主手册', '家用充电指南'], invitation: '诚邀您参加为期一年的车主体验计划。', signoff: 'BMW 中国客户中心 敬上' }),
    );

    const { marked, fontNames, text } = await inspectPdf(pdf);

    expect(marked.PackItem).toBe(2);
    expect(text).toContain('家用充电指南');
    expect(fontNames.every((name) => name.includes('NotoSansSC'))).toBe(true);
  });

  it('sets a long list smaller on the one page, and fails the piece when it cannot fit', async () => {
    const long = Array.from({ length: 14 }, (_, i) => `Item ${i + 1}: a voucher for something worth having in the first year of ownership`);
    const fits = await inspectPdf(await renderer.renderPrintPiece(aLetter({ items: long })));

    expect(fits.marked.PackItem).toBe(14);
    expect(fits.pages).toBe(1);
    await expect(renderer.renderPrintPiece(aLetter({ items: Array.from({ length: 80 }, () => long[0]!) }))).rejects.toThrow(UnprintablePieceError);
  });

  it('fails the piece when the print font lacks a character of an item, naming the field', async () => {
    await expect(renderer.renderPrintPiece(aLetter({ items: ['A golf umbrella ⛳🏌'] }))).rejects.toThrow(/in the items: .*U\+1F3CC/);
  });
});

describe('the welcome pack letter as shipped: contents chosen per customer', () => {
  let template: Template;

  beforeAll(async () => {
    const config = await loadJourneyConfig(fileURLToPath(new URL('../../journeys', import.meta.url)));
    template = config.templates.get('welcome-pack-letter')!;
    expect(config.journeys.find((journey) => journey.id === 'welcome-pack')?.steps.map((step) => step.channel)).toEqual(['print', 'email']);
  });

  const owner = (interests: string[], fuel: 'ev' | 'petrol', locale: 'en' | 'zh-CN' = 'en'): CustomerContext => ({
    ...aCustomerContext({ interests, locale }, [aVehicle({ model: 'iX', fuel, deliveredOn: '2026-02-12' })]),
    dealer: aDealer({ brandId: brand.id }),
  });

  it('lists the charging guide for an electric car and the golf day for a golfer', async () => {
    const { marked, text } = await inspectPdf(await letterFor(template, owner(['golf'], 'ev')));

    expect(marked.PackItem).toBe(4);
    expect(text).toContain('A home charging guide');
    expect(text).toContain("owners' golf day");
    expect(text).not.toContain('fuel rewards card');
    expect(text).toContain(brand.phone);
  });

  it('lists the fuel card and nothing for interests a petrol owner without interests does not have', async () => {
    const { marked, text } = await inspectPdf(await letterFor(template, owner([], 'petrol')));

    expect(marked.PackItem).toBe(3);
    expect(text).toContain('fuel rewards card');
    expect(text).not.toContain('golf');
  });

  it('lists the same choice in Chinese for a Chinese-speaking customer', async () => {
    const { marked, text } = await inspectPdf(await letterFor(template, owner(['family', 'road-trips'], 'ev', 'zh-CN')));

    expect(marked.PackItem).toBe(5);
    expect(text).toContain('自驾游地图');
  });

  it('changes with the YAML alone: a line added to the items adds an item for the customers it names', async () => {
    if (template.channel !== 'print') throw new Error('expected a print template');
    const en = template.locales.en!;
    const edited = Template.parse({ ...template, locales: { en: { ...en, items: `${en.items}\n{% if customer.interests contains "sailing" %}A sailing regatta pass{% endif %}` } } });

    const sailor = await inspectPdf(await letterFor(edited, owner(['sailing'], 'ev')));
    const other = await inspectPdf(await letterFor(edited, owner(['golf'], 'ev')));

    expect(sailor.marked.PackItem).toBe(4);
    expect(sailor.text).toContain('A sailing regatta pass');
    expect(other.text).not.toContain('sailing');
  });
});

describe('print templates give the fields their design draws', () => {
  const content = { headline: 'H', body: 'B', signoff: 'S' };

  it('rejects a welcome letter without its list or invitation, and a birthday card with a list', () => {
    const letter = Template.safeParse({ channel: 'print', design: 'welcome-letter', locales: { en: content } });
    const card = Template.safeParse({ channel: 'print', design: 'birthday-candles', locales: { en: { ...content, items: 'An umbrella' } } });

    expect(letter.error?.issues.map((issue) => issue.message)).toEqual(['the welcome-letter design needs "items"', 'the welcome-letter design needs "invitation"']);
    expect(card.error?.issues).toEqual([expect.objectContaining({ path: ['locales', 'en', 'items'], message: 'the birthday-candles design does not draw "items"' })]);
  });
});
