import { describe, expect, it } from 'vitest';
import { simulationReportHtml } from '../../../shared/reports/simulation-report';
import { aSimulatedSend } from '../../helpers/simulated-sends';

const hostile = '</script><img src=x onerror=alert(1)>';
const generatedAt = new Date('2026-01-01T00:00:00Z');

describe('the simulation report page', () => {
  it('writes ids and reasons from the data as text, never as markup', () => {
    const sends = [
      aSimulatedSend({ customerId: hostile, journeyId: hostile }),
      aSimulatedSend({ customerId: hostile, journeyId: hostile, messageId: 'sms', channel: 'sms', outcome: 'skipped', reason: hostile }),
    ];

    const html = simulationReportHtml({ sends, baseline: [], from: '2026-03-14', to: '2026-03-14', journeys: [{ id: 'quiet', name: hostile }], generatedAt });

    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;');
    // Two scripts of code, the JSON data and the lookups' rows: no other element ends a script.
    expect(html.match(/<\/script>/g)).toHaveLength(5);
  });

  it('adds "What the change does" only when given a baseline', () => {
    const sends = [aSimulatedSend()];

    expect(simulationReportHtml({ sends, from: '2026-03-14', to: '2026-03-14', generatedAt })).not.toContain('What the change does');
    expect(simulationReportHtml({ sends, baseline: [], from: '2026-03-14', to: '2026-03-14', generatedAt })).toContain('What the change does');
  });

  it('names the configured journeys, with their category, and those that sent nothing in the period', () => {
    const journeys = [{ id: 'birthday', name: 'Birthday greeting', category: 'promotional' }, { id: 'welcome', name: 'Welcome pack' }];

    const html = simulationReportHtml({ sends: [aSimulatedSend()], from: '2026-03-14', to: '2026-03-14', journeys, generatedAt });

    expect(html).toContain('<tr><td>Birthday greeting</td><td>birthday</td><td>promotional</td><td>email</td><td class="num">1</td>');
    expect(html).toContain('No send at all in the period: Welcome pack.');
  });
});
