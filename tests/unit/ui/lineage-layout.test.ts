import { describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, edgePath, layoutLayered, type Layout } from '@/components/lineage/lineage-layout';

const opts = { nodeWidth: 100, nodeHeight: 40, gapX: 20, gapY: 10, waypointHeight: 6, padding: 5 };
const node = (layout: Layout, id: string) => layout.nodes.find((n) => n.id === id)!;
const overlaps = (a: { x: number; y: number }, b: { x: number; y: number }) =>
  Math.abs(a.x - b.x) < opts.nodeWidth && Math.abs(a.y - b.y) < opts.nodeHeight;

describe('layered lineage layout', () => {
  it('puts a chain in consecutive layers, left to right, on one horizontal line', () => {
    const layout = layoutLayered(['alias', 'version', 'model', 'run'], [
      { from: 'alias', to: 'version' },
      { from: 'version', to: 'model' },
      { from: 'model', to: 'run' },
    ], opts);
    expect(layout.layers).toBe(4);
    expect(layout.nodes.map((n) => n.layer)).toEqual([0, 1, 2, 3]);
    expect(layout.nodes.map((n) => n.x)).toEqual([5, 125, 245, 365]);
    expect(new Set(layout.nodes.map((n) => n.y)).size).toBe(1);
    expect(layout.width).toBe(5 * 2 + 4 * 100 + 3 * 20);
    expect(layout.height).toBe(5 * 2 + 40);
  });

  it('layers by the longest path and stacks a fan-out in input order, centred on its source', () => {
    const layout = layoutLayered(['run', 'parent', 'experiment', 'd1', 'd2'], ['parent', 'experiment', 'd1', 'd2'].map((to) => ({ from: 'run', to })), opts);
    const targets = ['parent', 'experiment', 'd1', 'd2'].map((id) => node(layout, id));
    expect(targets.every((t) => t.layer === 1)).toBe(true);
    expect(targets.map((t) => t.order)).toEqual([0, 1, 2, 3]);
    expect(targets.map((t) => t.y)).toEqual([5, 55, 105, 155]);
    const run = node(layout, 'run');
    const middle = (targets[0].y + targets[3].y + opts.nodeHeight) / 2;
    expect(run.y + opts.nodeHeight / 2).toBe(middle);
    expect(layout.height).toBe(5 * 2 + 4 * 40 + 3 * 10);
  });

  it('never places two nodes on top of each other', () => {
    const ids = ['a1', 'a2', 'a3', 'v', 'm', 'r', 'p', 'e', 'd1', 'd2', 'd3'];
    const edges = [
      ...['a1', 'a2', 'a3'].map((a) => ({ from: a, to: 'v' })),
      { from: 'v', to: 'm' },
      { from: 'm', to: 'r' },
      ...['p', 'e', 'd1', 'd2', 'd3'].map((to) => ({ from: 'r', to })),
    ];
    const layout = layoutLayered(ids, edges, opts);
    for (const a of layout.nodes) for (const b of layout.nodes) if (a.id !== b.id) expect(overlaps(a, b), `${a.id} vs ${b.id}`).toBe(false);
    for (const n of layout.nodes) {
      expect(n.x + opts.nodeWidth).toBeLessThanOrEqual(layout.width);
      expect(n.y + opts.nodeHeight).toBeLessThanOrEqual(layout.height);
    }
  });

  it('routes an edge that skips a layer through a waypoint beside, not through, the node in between', () => {
    // a → b → c and a → c: c sits two layers right of a; the long edge needs a waypoint in layer 1.
    const layout = layoutLayered(['a', 'b', 'c'], [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'a', to: 'c' },
    ], opts);
    expect(node(layout, 'c').layer).toBe(2);
    const long = layout.edges.find((e) => e.from === 'a' && e.to === 'c')!;
    expect(long.points).toHaveLength(4);
    const b = node(layout, 'b');
    const [, entry, exit] = long.points;
    expect(entry.x).toBe(b.x);
    expect(exit.x).toBe(b.x + opts.nodeWidth);
    const insideB = entry.y > b.y && entry.y < b.y + opts.nodeHeight;
    expect(insideB).toBe(false);
  });

  it('starts edges on the source right side and ends them on the target left side', () => {
    const layout = layoutLayered(['a', 'b'], [{ from: 'a', to: 'b' }], opts);
    const [edge] = layout.edges;
    const a = node(layout, 'a');
    const b = node(layout, 'b');
    expect(edge.points[0]).toEqual({ x: a.x + opts.nodeWidth, y: a.y + opts.nodeHeight / 2 });
    expect(edge.points[edge.points.length - 1]).toEqual({ x: b.x, y: b.y + opts.nodeHeight / 2 });
  });

  it('orders a layer by its neighbours, so fan-in edges do not cross', () => {
    // x1 feeds y2 and x2 feeds y1: the second layer is reordered to follow the first.
    const layout = layoutLayered(['x1', 'x2', 'y1', 'y2'], [
      { from: 'x1', to: 'y2' },
      { from: 'x2', to: 'y1' },
    ], opts);
    expect(node(layout, 'y2').order).toBe(0);
    expect(node(layout, 'y1').order).toBe(1);
  });

  it('survives a cycle, unknown endpoints, self-loops and an empty graph', () => {
    const layout = layoutLayered(['a', 'b'], [
      { from: 'a', to: 'b' },
      { from: 'b', to: 'a' },
      { from: 'a', to: 'a' },
      { from: 'a', to: 'ghost' },
    ], opts);
    expect(layout.nodes).toHaveLength(2);
    expect(layout.edges).toHaveLength(2);
    expect(layoutLayered([], [], opts)).toEqual({ width: 0, height: 0, layers: 0, nodes: [], edges: [] });
  });

  it('fits the usual five-column lineage in a 1366-pixel window with the default sizes', () => {
    const ids = ['alias', 'version', 'model', 'run', 'experiment'];
    const layout = layoutLayered(ids, ids.slice(1).map((to, i) => ({ from: ids[i], to })));
    expect(layout.width).toBeLessThanOrEqual(1366 - 48 - 32);
    expect(DEFAULT_LAYOUT.nodeWidth).toBeGreaterThanOrEqual(180);
  });
});

describe('edge paths', () => {
  it('curves between layers and runs straight across a waypoint', () => {
    const d = edgePath([
      { x: 0, y: 0 },
      { x: 10, y: 20 },
      { x: 30, y: 20 },
      { x: 40, y: 5 },
    ]);
    expect(d).toBe('M0,0 C5,0 5,20 10,20 L30,20 C35,20 35,5 40,5');
  });

  it('is empty without points', () => {
    expect(edgePath([])).toBe('');
  });
});
