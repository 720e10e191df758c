'use client';

import { useId, useMemo } from 'react';
import type { LineageGraph as Graph, LineageNode } from './lineage-graph';
import { DEFAULT_LAYOUT, edgePath, layoutLayered } from './lineage-layout';
import { LineageNodeBox } from './LineageNodeBox';

/**
 * The lineage drawn left to right: SVG edges under absolutely placed nodes. Nodes come in reading
 * order (layer by layer, top to bottom), so Tab walks the graph from the alias to the datasets.
 * Wider than its box, it scrolls sideways.
 */
export function LineageGraph({ graph, label, openDataset, panelId, onOpenDataset, datasetButtonRef }: {
  graph: Graph;
  label: string;
  openDataset: string | null;
  panelId: string;
  onOpenDataset: (node: LineageNode) => void;
  datasetButtonRef: (id: string) => (el: HTMLButtonElement | null) => void;
}) {
  const markerId = `lineage-arrow-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const layout = useMemo(
    () => layoutLayered(graph.nodes.map((n) => n.id), graph.edges),
    [graph],
  );
  const byId = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);
  const placed = useMemo(() => [...layout.nodes].sort((a, b) => a.layer - b.layer || a.order - b.order), [layout]);
  const dashed = useMemo(() => new Set(graph.edges.filter((e) => e.dashed).map((e) => `${e.from}\u0000${e.to}`)), [graph]);
  const { nodeWidth, nodeHeight } = DEFAULT_LAYOUT;

  return (
    <div className="overflow-x-auto rounded border border-slate-200 bg-slate-50/60 p-2 dark:border-slate-800 dark:bg-slate-900/40">
      <div data-testid="lineage-graph" role="group" aria-label={label} className="relative mx-auto" style={{ width: layout.width, height: layout.height }}>
        <svg aria-hidden="true" width={layout.width} height={layout.height} className="absolute inset-0 overflow-visible">
          <defs>
            <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="fill-slate-400 dark:fill-slate-500" />
            </marker>
          </defs>
          {layout.edges.map((e) => (
            <path
              key={`${e.from}->${e.to}`}
              data-edge={`${e.from}->${e.to}`}
              d={edgePath(e.points)}
              fill="none"
              strokeWidth={1.5}
              strokeDasharray={dashed.has(`${e.from}\u0000${e.to}`) ? '5 4' : undefined}
              markerEnd={`url(#${markerId})`}
              className="stroke-slate-400 dark:stroke-slate-500"
            />
          ))}
        </svg>
        <ul className="m-0 p-0">
          {placed.map((p) => {
            const node = byId.get(p.id);
            if (!node) return null;
            return (
              <LineageNodeBox
                key={node.id}
                node={node}
                style={{ left: p.x, top: p.y, width: nodeWidth, height: nodeHeight }}
                expanded={node.dataset ? openDataset === node.id : undefined}
                controls={node.dataset && openDataset === node.id ? panelId : undefined}
                onOpenDataset={onOpenDataset}
                buttonRef={node.dataset ? datasetButtonRef(node.id) : undefined}
              />
            );
          })}
        </ul>
      </div>
    </div>
  );
}
