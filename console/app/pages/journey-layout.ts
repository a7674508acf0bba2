/**
 * The journey graph's nodes and edges, laid out left to right by dagre: the trigger, then each
 * step (its offset on the edge), then the channels the steps send on (a fallback's edge dashed).
 */
import { Graph, layout } from '@dagrejs/dagre';
import { Position, type Edge, type Node } from '@xyflow/react';
import type { JourneyDetail } from '../../../shared/use-cases/console-journeys';
import type { Translate } from '../i18n';

const nodeWidth = 190;
const nodeHeight = 64;

function offsetText(step: JourneyDetail['steps'][number], t: Translate): string {
  if (step.offsetHours !== undefined) return t('hoursOffset', { n: step.offsetHours > 0 ? `+${step.offsetHours}` : step.offsetHours });
  if (step.offsetDays === 0) return t('onTheDay');
  return step.offsetDays < 0 ? t('daysBefore', { n: -step.offsetDays }) : t('daysAfter', { n: step.offsetDays });
}

const outcomeText = (outcomes: Record<string, number | undefined>) =>
  Object.entries(outcomes)
    .map(([status, count]) => `${status} ${count}`)
    .join(' · ');

export function journeyGraph(journey: JourneyDetail, t: Translate): { nodes: Node[]; edges: Edge[] } {
  const nodes: Node[] = [{ id: 'trigger', type: 'input', data: { label: t('triggerNode', { type: journey.trigger.type }) }, position: { x: 0, y: 0 }, className: 'node-trigger' }];
  const edges: Edge[] = [];
  const channels = new Set<string>();
  for (const step of journey.steps) {
    const outcomes = outcomeText(step.outcomes);
    nodes.push({
      id: `step:${step.id}`,
      data: { label: `${step.id} (${step.template})${outcomes ? `\n${outcomes}` : ''}` },
      position: { x: 0, y: 0 },
      className: 'node-step',
    });
    edges.push({ id: `trigger->${step.id}`, source: 'trigger', target: `step:${step.id}`, label: offsetText(step, t) });
    channels.add(step.channel);
    edges.push({ id: `${step.id}->${step.channel}`, source: `step:${step.id}`, target: `channel:${step.channel}` });
    if (step.fallback) {
      channels.add(step.fallback.channel);
      edges.push({ id: `${step.id}->fallback`, source: `step:${step.id}`, target: `channel:${step.fallback.channel}`, label: t('fallbackTo', { channel: step.fallback.channel }), style: { strokeDasharray: '6 4' } });
    }
  }
  for (const channel of channels) nodes.push({ id: `channel:${channel}`, type: 'output', data: { label: channel }, position: { x: 0, y: 0 }, className: `node-channel channel-${channel}` });

  const graph = new Graph();
  graph.setGraph({ rankdir: 'LR', nodesep: 24, ranksep: 90 });
  graph.setDefaultEdgeLabel(() => ({}));
  for (const node of nodes) graph.setNode(node.id, { width: nodeWidth, height: nodeHeight });
  for (const edge of edges) graph.setEdge(edge.source, edge.target);
  layout(graph);
  return {
    nodes: nodes.map((node) => {
      const placed = graph.node(node.id);
      // Left to right: edges leave a node on its right and enter on its left.
      return { ...node, sourcePosition: Position.Right, targetPosition: Position.Left, position: { x: placed.x - nodeWidth / 2, y: placed.y - nodeHeight / 2 }, style: { width: nodeWidth } };
    }),
    edges,
  };
}
