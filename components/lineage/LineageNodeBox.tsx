'use client';

import type { CSSProperties, Ref } from 'react';
import type { LineageKind, LineageNode } from './lineage-graph';

/** Accent per kind (a bar on the left and the caption colour), readable in both themes. */
const ACCENT: Record<LineageKind, { bar: string; caption: string }> = {
  alias: { bar: 'bg-violet-500', caption: 'text-violet-700 dark:text-violet-300' },
  version: { bar: 'bg-blue-500', caption: 'text-blue-700 dark:text-blue-300' },
  'logged-model': { bar: 'bg-emerald-500', caption: 'text-emerald-700 dark:text-emerald-300' },
  run: { bar: 'bg-sky-500', caption: 'text-sky-700 dark:text-sky-300' },
  'parent-run': { bar: 'bg-slate-400', caption: 'text-slate-600 dark:text-slate-300' },
  experiment: { bar: 'bg-amber-500', caption: 'text-amber-700 dark:text-amber-300' },
  dataset: { bar: 'bg-teal-500', caption: 'text-teal-700 dark:text-teal-300' },
};

const BOX =
  'relative flex h-full w-full flex-col justify-center gap-0.5 overflow-hidden rounded-md border py-1.5 pl-3.5 pr-2.5 text-left text-sm shadow-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500';
const LIVE = 'border-slate-300 bg-white hover:border-blue-400 hover:bg-blue-50 dark:border-slate-700 dark:bg-slate-900 dark:hover:border-blue-500 dark:hover:bg-slate-800';
const MISSING = 'border-dashed border-slate-300 bg-slate-50 text-slate-500 dark:border-slate-600 dark:bg-slate-950 dark:text-slate-400';

function Content({ node }: { node: LineageNode }) {
  const accent = ACCENT[node.kind];
  return (
    <>
      <span aria-hidden className={`absolute inset-y-0 left-0 w-1 ${node.missing ? 'bg-slate-300 dark:bg-slate-600' : accent.bar}`} />
      <span className="flex items-center gap-1.5">
        <span className={`truncate text-[11px] font-medium uppercase tracking-wide ${node.missing ? 'text-slate-500 dark:text-slate-400' : accent.caption}`}>{node.caption}</span>
        {node.badges.map((b) => (
          <span key={b} className="shrink-0 rounded bg-red-50 px-1 text-[10px] font-medium uppercase text-red-700 dark:bg-red-950 dark:text-red-300">
            {b}
          </span>
        ))}
      </span>
      <span className={`line-clamp-2 font-medium leading-snug [overflow-wrap:anywhere] ${node.missing ? 'italic' : ''}`}>{node.title}</span>
      {node.detail && <span className="truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">{node.detail}</span>}
    </>
  );
}

/**
 * One node: a link to the thing's page, a button for a dataset (opens its details), or, for a
 * placeholder, plain text. Full texts are in the tooltip; the accessible name says what it is.
 */
export function LineageNodeBox({ node, style, expanded, controls, onOpenDataset, buttonRef }: {
  node: LineageNode;
  style: CSSProperties;
  expanded?: boolean;
  controls?: string;
  onOpenDataset?: (node: LineageNode) => void;
  buttonRef?: Ref<HTMLButtonElement>;
}) {
  const tooltip = [node.caption, node.title, node.detail].filter(Boolean).join('\n');
  const common = { 'data-testid': `lineage-node-${node.kind}`, 'data-node-id': node.id, title: tooltip };
  return (
    <li className="absolute list-none" style={style}>
      {node.missing ? (
        <div {...common} data-missing="true" className={`${BOX} ${MISSING}`}>
          <span className="sr-only">{node.label}</span>
          <span aria-hidden className="contents">
            <Content node={node} />
          </span>
        </div>
      ) : node.dataset ? (
        <button
          {...common}
          ref={buttonRef}
          type="button"
          aria-label={node.label}
          aria-expanded={expanded ?? false}
          aria-controls={controls}
          aria-haspopup="dialog"
          onClick={() => onOpenDataset?.(node)}
          className={`${BOX} ${LIVE} ${expanded ? 'ring-2 ring-teal-500' : ''}`}
        >
          <Content node={node} />
        </button>
      ) : (
        <a {...common} href={node.href} aria-label={node.label} className={`${BOX} ${LIVE} text-slate-900 dark:text-slate-100`}>
          <Content node={node} />
        </a>
      )}
    </li>
  );
}
