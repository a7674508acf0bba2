import { describe, expect, it } from 'vitest';
import { customMetricsWatched } from '../../../bench/custom-metrics';

const alarmOn = (Namespace: string, MetricName: string, service?: string) => ({
  Type: 'AWS::CloudWatch::Alarm',
  Properties: { Namespace, MetricName, Dimensions: service ? [{ Name: 'service', Value: service }] : [] },
});

describe('custom metrics of the stack', () => {
  it("counts each metric the alarms watch once, outside AWS's own namespaces", () => {
    const resources = {
      a: alarmOn('DealerJourneys', 'OccurrencesNotQueued', 'evaluate-schedule'),
      // A second alarm on the same metric costs no second metric.
      b: alarmOn('DealerJourneys', 'OccurrencesNotQueued', 'evaluate-schedule'),
      // Another service's metric of the same name is a metric of its own.
      c: alarmOn('DealerJourneys', 'OccurrencesNotQueued', 'release-held-messages'),
      d: alarmOn('AWS/Lambda', 'Errors', 'x'),
      e: { Type: 'AWS::SNS::Topic', Properties: {} },
    };

    expect(customMetricsWatched(resources)).toBe(2);
  });
});
