/**
 * Print card rendering on its own: the real birthday-card template rendered for demo customers
 * and laid out by the pdfkit renderer the dispatcher uses, per locale, after a warm-up.
 */
import { join } from 'node:path';
import { loadJourneyConfig } from '../shared/config/load-journeys';
import { createPdfPrintRenderer } from '../shared/adapters/print/pdf-print-renderer';
import type { CustomerContext, Locale } from '../shared/domain/customer';
import { birthdayInYear } from '../shared/domain/journey/birthday';
import { buildMessageContext, postalName } from '../shared/domain/personalisation';
import { renderMessage } from '../shared/domain/render';
import type { PrintPiece } from '../shared/ports/print';
import { generateDemoData } from '../local/demo-data';
import { progressLine } from '../local/progress';
import { fullGc, median, memory, percentile, sum, type MemorySample } from './measure';

export const printLocales: Locale[] = ['en', 'zh-CN'];

export interface PrintRow {
  locale: Locale;
  cards: number;
  totalMs: number;
  cardsPerSecond: number;
  meanMs: number;
  medianMs: number;
  p95Ms: number;
  averageBytes: number;
  before: MemorySample;
  after: MemorySample;
}

export interface PrintResult {
  /** The first card: reading and parsing the CJK font included. */
  coldFirstCardMs: number;
  warmUpCards: number;
  rows: PrintRow[];
}

function piecesFor(locale: Locale, templateFor: (context: CustomerContext, date: string) => PrintPiece): PrintPiece[] {
  const data = generateDemoData();
  const dealers = new Map(data.dealers.map((dealer) => [dealer.id, dealer]));
  return data.customers
    .filter(({ customer }) => customer.locale === locale && customer.postalAddress && customer.birthDate)
    .slice(0, 50)
    .map(({ customer, vehicles }) => {
      const context: CustomerContext = { customer, vehicles, visits: [], complaints: [], dealer: dealers.get(customer.dealerId)! };
      return templateFor(context, birthdayInYear(customer.birthDate!, 2026, 'feb28'));
    });
}

export async function benchPrintCards({ journeysDir, cards, warmUp }: { journeysDir: string; cards: number; warmUp: number }): Promise<PrintResult> {
  const { templates } = await loadJourneyConfig(journeysDir);
  const template = templates.get('birthday-card');
  if (!template) throw new Error('the birthday-card template is missing from the journeys folder');
  // As the dispatcher builds a piece (shared/use-cases/dispatch-message.ts).
  const toPiece = (context: CustomerContext, date: string): PrintPiece => {
    const rendered = renderMessage(template, buildMessageContext(context, date));
    if (rendered.channel !== 'print') throw new Error('birthday-card is not a print template');
    return {
      design: rendered.design,
      locale: context.customer.locale,
      age: rendered.age,
      headline: rendered.headline,
      body: rendered.body,
      signoff: rendered.signoff,
      recipient: { name: postalName(context), address: context.customer.postalAddress! },
      sender: { name: context.dealer.name, address: context.dealer.address },
    };
  };
  const pieces = new Map(printLocales.map((locale) => [locale, piecesFor(locale, toPiece)]));
  const renderer = createPdfPrintRenderer(join(journeysDir, 'assets', 'fonts', 'NotoSansSC-Regular.ttf'), {
    now: () => new Date('2026-03-14T00:00:00Z'),
  });

  const coldStart = performance.now();
  await renderer.renderPrintPiece(pieces.get('en')![0]!);
  const coldFirstCardMs = performance.now() - coldStart;
  for (let index = 0; index < warmUp; index += 1) {
    for (const locale of printLocales) await renderer.renderPrintPiece(pieces.get(locale)![index % pieces.get(locale)!.length]!);
  }

  const rows: PrintRow[] = [];
  for (const locale of printLocales) {
    const list = pieces.get(locale)!;
    const progress = progressLine(`Rendering ${locale} cards`);
    fullGc();
    const before = memory();
    const times: number[] = [];
    let bytes = 0;
    const start = performance.now();
    for (let index = 0; index < cards; index += 1) {
      const cardStart = performance.now();
      const pdf = await renderer.renderPrintPiece(list[index % list.length]!);
      times.push(performance.now() - cardStart);
      bytes += pdf.byteLength;
      if ((index + 1) % 10 === 0 || index + 1 === cards) progress(index + 1, cards);
    }
    const totalMs = performance.now() - start;
    // Without a collection first: what the process holds right after the batch.
    const after = memory();
    rows.push({
      locale,
      cards,
      totalMs,
      cardsPerSecond: (cards * 1000) / totalMs,
      meanMs: sum(times) / times.length,
      medianMs: median(times),
      p95Ms: percentile(times, 95),
      averageBytes: bytes / cards,
      before,
      after,
    });
  }
  return { coldFirstCardMs, warmUpCards: warmUp * printLocales.length, rows };
}
