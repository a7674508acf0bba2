/**
 * The custom metrics a synthesized stack pays for: the functions publish only metrics an alarm
 * watches (test/infra/operations.test.ts holds that), so they are the distinct metrics of the
 * alarms outside the `AWS/` namespaces (a metric is its namespace, name and dimensions).
 */
export function customMetricsWatched(resources: Record<string, { Type: string; Properties?: unknown }>): number {
  const metrics = new Set<string>();
  for (const resource of Object.values(resources)) {
    if (resource.Type !== 'AWS::CloudWatch::Alarm') continue;
    const alarm = resource.Properties as { Namespace?: string; MetricName?: string; Dimensions?: { Name: string; Value: unknown }[] };
    if (!alarm.Namespace || !alarm.MetricName || alarm.Namespace.startsWith('AWS/')) continue;
    const dimensions = [...(alarm.Dimensions ?? [])].sort((a, b) => a.Name.localeCompare(b.Name));
    metrics.add(JSON.stringify([alarm.Namespace, alarm.MetricName, dimensions]));
  }
  return metrics.size;
}
