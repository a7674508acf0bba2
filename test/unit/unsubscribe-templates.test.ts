import { describe, expect, it } from 'vitest';
import { loadJourneyConfig } from '../../shared/config/load-journeys';
import { fullSampleContext } from '../../shared/domain/journey/sample-contexts';
import { renderMessage } from '../../shared/domain/render';
import { shippedJourneysDir } from '../helpers/shipped-journeys';

describe('unsubscribe link in the shipped promotional emails', () => {
  it('every promotional journey email carries the link in its HTML and text, in English and Chinese', async () => {
    const { journeys, templates } = await loadJourneyConfig(shippedJourneysDir);
    const promotionalEmails = journeys
      .filter((journey) => journey.category === 'promotional')
      .flatMap((journey) => journey.steps.filter((step) => step.channel === 'email').map((step) => step.template));

    expect(promotionalEmails.length).toBeGreaterThanOrEqual(12);
    for (const name of promotionalEmails) {
      for (const locale of ['en', 'zh-CN'] as const) {
        const rendered = renderMessage(templates.get(name)!, { ...fullSampleContext, locale });
        if (rendered.channel !== 'email') throw new Error(`${name} is not an email template`);
        expect({ name, locale, html: rendered.html.includes(`href="${fullSampleContext.unsubscribeUrl}"`), text: rendered.text.includes(fullSampleContext.unsubscribeUrl!) }).toEqual({ name, locale, html: true, text: true });
      }
    }
  });
});
