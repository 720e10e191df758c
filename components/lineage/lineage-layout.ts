/**
 * A small layered (Sugiyama-style) left-to-right layout: layers by longest path from the sources,
 * virtual waypoints where an edge spans several layers (so it passes between nodes, not through
 * them), barycenter ordering sweeps, then each layer centred vertically. Pure, unit-tested.
 */

export interface LayoutOptions {
  nodeWidth: number;
  nodeHeight: number;
  /** Horizontal space between layers. */
  gapX: number;
  /** Vertical space between nodes of one layer. */
  gapY: number;
  /** Height a waypoint takes in its layer. */
  waypointHeight: number;
  padding: number;
}

export const DEFAULT_LAYOUT: LayoutOptions = { nodeWidth: 208, nodeHeight: 84, gapX: 52, gapY: 14, waypointHeight: 12, padding: 8 };

export interface Point {
  x: number;
  y: number;
}

export interface PlacedNode {
  id: string;
  layer: number;
  /** Position inside its layer, top first (waypoints count). */
  order: number;
  x: number;
  y: number;
}

export interface RoutedEdge {
  from: string;
  to: string;
  /** Start (source's right side), waypoint entry/exit pairs, end (target's left side). */
  points: Point[];
}

export interface Layout {
  width: number;
  height: number;
  layers: number;
  nodes: PlacedNode[];
  edges: RoutedEdge[];
}

interface Slot {
  id: string;
  waypoint: boolean;
}

/** Longest path from a source; an edge closing a cycle is ignored rather than looping forever. */
function assignLayers(ids: string[], preds: Map<string, string[]>): Map<string, number> {
  const layer = new Map<string, number>();
  const visiting = new Set<string>();
  const visit = (id: string): number => {
    const known = layer.get(id);
    if (known !== undefined) return known;
    visiting.add(id);
    let value = 0;
    for (const p of preds.get(id) ?? []) {
      if (visiting.has(p)) continue;
      value = Math.max(value, visit(p) + 1);
    }
    visiting.delete(id);
    layer.set(id, value);
    return value;
  };
  ids.forEach(visit);
  return layer;
}

function barycenter(neighbours: string[], position: Map<string, number>): number | undefined {
  const known = neighbours.map((n) => position.get(n)).filter((p): p is number => p !== undefined);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : undefined;
}

/**
 * Reorders each layer by the mean position of its neighbours in the adjacent layer already swept
 * (`step` -1: the layer to the left, +1: to the right). Stable: ties keep their order.
 */
function sweep(layers: Slot[][], neighbours: Map<string, string[]>, order: number[], step: -1 | 1) {
  for (const l of order) {
    const previous = new Map<string, number>();
    layers[l + step]?.forEach((s, i) => previous.set(s.id, i));
    const keyed = layers[l].map((s, i) => ({ s, i, key: barycenter(neighbours.get(s.id) ?? [], previous) ?? i }));
    keyed.sort((a, b) => a.key - b.key || a.i - b.i);
    layers[l] = keyed.map((k) => k.s);
  }
}

export function layoutLayered(nodeIds: readonly string[], edgeList: readonly { from: string; to: string }[], options: LayoutOptions = DEFAULT_LAYOUT): Layout {
  const ids = [...new Set(nodeIds)];
  const known = new Set(ids);
  const edges = edgeList.filter((e) => known.has(e.from) && known.has(e.to) && e.from !== e.to);
  const preds = new Map<string, string[]>();
  for (const e of edges) preds.set(e.to, [...(preds.get(e.to) ?? []), e.from]);
  const layerOf = assignLayers(ids, preds);
  const layerCount = ids.length ? Math.max(...ids.map((id) => layerOf.get(id) ?? 0)) + 1 : 0;

  const layers: Slot[][] = Array.from({ length: layerCount }, () => []);
  ids.forEach((id) => layers[layerOf.get(id) ?? 0].push({ id, waypoint: false }));

  // Each edge as a chain of unit steps through waypoints; `up`/`down` hold the step neighbours.
  const up = new Map<string, string[]>();
  const down = new Map<string, string[]>();
  const addStep = (a: string, b: string) => {
    down.set(a, [...(down.get(a) ?? []), b]);
    up.set(b, [...(up.get(b) ?? []), a]);
  };
  const chains = edges.map((e, index) => {
    const from = layerOf.get(e.from) ?? 0;
    const to = layerOf.get(e.to) ?? 0;
    const chain = [e.from];
    for (let l = from + 1; l < to; l += 1) {
      const id = `\u0000wp:${index}:${l}`;
      layers[l].push({ id, waypoint: true });
      chain.push(id);
    }
    chain.push(e.to);
    for (let i = 1; i < chain.length; i += 1) addStep(chain[i - 1], chain[i]);
    return chain;
  });

  const forward = Array.from({ length: Math.max(layerCount - 1, 0) }, (_, i) => i + 1);
  const backward = Array.from({ length: Math.max(layerCount - 1, 0) }, (_, i) => layerCount - 2 - i);
  for (let round = 0; round < 2; round += 1) {
    sweep(layers, up, forward, -1);
    sweep(layers, down, backward, 1);
  }

  const { nodeWidth, nodeHeight, gapX, gapY, waypointHeight, padding } = options;
  const slotHeight = (s: Slot) => (s.waypoint ? waypointHeight : nodeHeight);
  const layerHeight = (slots: Slot[]) => slots.reduce((sum, s) => sum + slotHeight(s), 0) + gapY * Math.max(slots.length - 1, 0);
  const contentHeight = Math.max(0, ...layers.map(layerHeight));

  const placed = new Map<string, PlacedNode & { h: number }>();
  layers.forEach((slots, l) => {
    let y = padding + (contentHeight - layerHeight(slots)) / 2;
    const x = padding + l * (nodeWidth + gapX);
    slots.forEach((s, order) => {
      placed.set(s.id, { id: s.id, layer: l, order, x, y, h: slotHeight(s) });
      y += slotHeight(s) + gapY;
    });
  });

  const middle = (id: string) => {
    const p = placed.get(id)!;
    return p.y + p.h / 2;
  };
  const routed: RoutedEdge[] = edges.map((e, index) => {
    const chain = chains[index];
    const points: Point[] = [{ x: placed.get(e.from)!.x + nodeWidth, y: middle(e.from) }];
    for (const wp of chain.slice(1, -1)) {
      const p = placed.get(wp)!;
      points.push({ x: p.x, y: middle(wp) }, { x: p.x + nodeWidth, y: middle(wp) });
    }
    points.push({ x: placed.get(e.to)!.x, y: middle(e.to) });
    return { from: e.from, to: e.to, points };
  });

  return {
    width: layerCount ? padding * 2 + layerCount * nodeWidth + (layerCount - 1) * gapX : 0,
    height: layerCount ? padding * 2 + contentHeight : 0,
    layers: layerCount,
    nodes: ids.map((id) => {
      const { h: _h, ...node } = placed.get(id)!;
      return node;
    }),
    edges: routed,
  };
}

const r = (n: number) => Math.round(n * 10) / 10;

/**
 * An SVG path through an edge's points: a horizontal S-curve between layers, a straight line
 * across each waypoint (odd steps curve, even steps are waypoint crossings).
 */
export function edgePath(points: readonly Point[]): string {
  if (points.length === 0) return '';
  let d = `M${r(points[0].x)},${r(points[0].y)}`;
  for (let k = 1; k < points.length; k += 1) {
    const a = points[k - 1];
    const b = points[k];
    if (k % 2 === 1) {
      const mid = (a.x + b.x) / 2;
      d += ` C${r(mid)},${r(a.y)} ${r(mid)},${r(b.y)} ${r(b.x)},${r(b.y)}`;
    } else {
      d += ` L${r(b.x)},${r(b.y)}`;
    }
  }
  return d;
}
