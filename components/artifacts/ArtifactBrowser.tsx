'use client';

import { Suspense, useCallback, useEffect, useMemo } from 'react';
import { useSearchParams } from 'next/navigation';
import type { WireFileInfo } from '@/lib/api-client';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { runArtifactSource, type ArtifactSource } from './artifact-source';
import { FilePreview } from './ArtifactPreview';
import { ArtifactTree } from './ArtifactTree';
import { FolderPreview, DOWNLOAD_LINK } from './FolderPreview';
import { ancestorsOf } from './preview-kind';
import { parentOf, type TreeRow } from './tree-model';
import { useArtifactTree } from './use-artifact-tree';

/** The query parameter holding the selected artifact, so a link opens the same preview. */
export const ARTIFACT_PARAM = 'artifact';

export type ArtifactBrowserProps =
  | { runId: string; source?: ArtifactSource; emptyMessage?: string }
  | { runId?: undefined; source: ArtifactSource; emptyMessage?: string };

const ids = new WeakMap<ArtifactSource, number>();
let nextId = 1;
function sourceKey(source: ArtifactSource): number {
  let id = ids.get(source);
  if (!id) {
    id = nextId++;
    ids.set(source, id);
  }
  return id;
}

/**
 * A run's artifacts: a lazily listed folder tree and a preview of the selected file. Give `source`
 * to browse another artifact root (a logged model's) with the same UI.
 */
export function ArtifactBrowser(props: ArtifactBrowserProps) {
  const { runId, source: given } = props;
  const source = useMemo(() => given ?? runArtifactSource(runId ?? ''), [given, runId]);
  return (
    <Suspense fallback={<Loading label="Loading artifacts…" />}>
      <Browser key={sourceKey(source)} source={source} emptyMessage={props.emptyMessage ?? 'No artifacts logged for this run'} />
    </Suspense>
  );
}

/** Replaces `?artifact=` in place, keeping the page's other parameters (tab, …) and no history entry. */
function writeSelection(path: string | null) {
  const params = new URLSearchParams(window.location.search);
  if (path) params.set(ARTIFACT_PARAM, path);
  else params.delete(ARTIFACT_PARAM);
  const query = params.toString();
  // The native History API is wired into Next's router (useSearchParams follows it) and, unlike
  // router.replace, does not ask the server to render the page again for every click. The state
  // must be null: Next ignores calls carrying its own state object.
  window.history.replaceState(null, '', `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`);
}

function Browser({ source, emptyMessage }: { source: ArtifactSource; emptyMessage: string }) {
  const search = useSearchParams();
  const selected = search.get(ARTIFACT_PARAM) || null;
  const tree = useArtifactTree(source);
  const { dirs, expand, toggle } = tree;

  // A link to a nested file opens its folders. Only when the selection changes: a folder the user
  // closes afterwards stays closed.
  useEffect(() => {
    if (selected) ancestorsOf(selected).forEach(expand);
  }, [selected, expand]);

  const onActivate = useCallback(
    (row: Extract<TreeRow, { kind: 'entry' }>) => {
      if (row.isDir) toggle(row.path);
      writeSelection(row.path);
    },
    [toggle],
  );

  const root = dirs[''];
  if (!root || root.status === 'loading') return <Loading label="Loading artifacts…" />;
  if (root.status === 'error') {
    return (
      <div data-testid="artifact-browser">
        <ErrorNote>Could not list the artifacts: {root.message}</ErrorNote>
      </div>
    );
  }
  if (root.entries.length === 0) {
    return (
      <div data-testid="artifact-browser">
        <p className="rounded border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">{emptyMessage}</p>
      </div>
    );
  }

  const parent = selected ? dirs[parentOf(selected)] : undefined;
  const entry: WireFileInfo | undefined = parent?.status === 'ready' ? parent.entries.find((e) => e.path === selected) : undefined;

  return (
    <div data-testid="artifact-browser" className="grid min-h-0 gap-3 md:grid-cols-[minmax(14rem,22rem)_minmax(0,1fr)]">
      <nav aria-label="Artifact files" className="flex min-h-0 flex-col gap-2 rounded border border-slate-200 p-2 dark:border-slate-800">
        <div className="flex items-center justify-between gap-2 px-1">
          <span className="text-xs text-slate-500 dark:text-slate-400">
            {root.entries.length} {root.entries.length === 1 ? 'item' : 'items'}
          </span>
          <a href={source.zipUrl()} download data-testid="artifact-zip-all" className={DOWNLOAD_LINK}>
            <span aria-hidden>⤓</span> Download all (.zip)
          </a>
        </div>
        <div className="max-h-[70vh] min-h-40 overflow-auto">
          <ArtifactTree
            rows={tree.rows}
            dirs={dirs}
            expanded={tree.expanded}
            selected={selected}
            onActivate={onActivate}
            onExpand={tree.expand}
            onCollapse={tree.collapse}
            onShowMore={tree.showMore}
            onRetry={tree.retry}
          />
        </div>
      </nav>
      <section data-testid="artifact-preview" aria-label="Artifact preview" className="min-w-0 rounded border border-slate-200 p-3 dark:border-slate-800">
        {!selected ? (
          <p className="text-sm text-slate-500 dark:text-slate-400">Select a file to preview it, or a folder to download it as a zip.</p>
        ) : !parent || parent.status === 'loading' ? (
          <Loading label="Loading…" />
        ) : parent.status === 'error' ? (
          <ErrorNote>Could not list the folder of {selected}: {parent.message}</ErrorNote>
        ) : !entry ? (
          <ErrorNote>There is no artifact at {selected}. It may have been removed; choose another file.</ErrorNote>
        ) : entry.is_dir ? (
          <FolderPreview key={entry.path} source={source} path={entry.path} state={dirs[entry.path]} load={tree.load} />
        ) : (
          <FilePreview key={entry.path} source={source} file={entry} />
        )}
      </section>
    </div>
  );
}
