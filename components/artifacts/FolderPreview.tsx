'use client';

import { useEffect } from 'react';
import { formatBytes } from '@/lib/format';
import type { ArtifactSource } from './artifact-source';
import { baseName } from './preview-kind';
import type { DirState } from './tree-model';

const LINK_BASE =
  'inline-flex items-center gap-1 rounded border border-slate-300 bg-white font-medium text-slate-800 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-blue-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 dark:hover:bg-slate-800';
export const DOWNLOAD_LINK = `${LINK_BASE} px-2 py-0.5 text-xs`;

/** A selected folder: what it holds (once listed) and a zip download of it. */
export function FolderPreview({ source, path, state, load }: { source: ArtifactSource; path: string; state: DirState | undefined; load: (path: string) => void }) {
  // A folder opened from a link is selected but not expanded: list it for the summary.
  useEffect(() => {
    if (!state) load(path);
  }, [state, load, path]);
  const name = baseName(path);
  const entries = state?.status === 'ready' ? state.entries : null;
  const files = entries?.filter((e) => !e.is_dir) ?? [];
  const folders = entries ? entries.length - files.length : 0;
  const bytes = files.reduce((sum, f) => sum + (f.file_size ?? 0), 0);
  return (
    <div className="flex flex-col gap-3">
      <header className="flex flex-wrap items-start gap-x-4 gap-y-2">
        <div className="min-w-0 flex-1">
          <h2 className="break-all text-base font-semibold">{name}/</h2>
          <p className="break-all text-xs text-slate-500 dark:text-slate-400">{path}</p>
        </div>
        <a href={source.zipUrl(path)} download={`${name}.zip`} data-testid="artifact-zip" className={`${LINK_BASE} px-2.5 py-1 text-sm`}>
          <span aria-hidden>⤓</span> Download folder (.zip)
        </a>
      </header>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        {entries === null
          ? state?.status === 'error'
            ? 'The folder could not be listed.'
            : 'Listing…'
          : `${files.length} ${files.length === 1 ? 'file' : 'files'} (${formatBytes(bytes)})${folders ? ` and ${folders} ${folders === 1 ? 'folder' : 'folders'}` : ''} directly inside.`}
      </p>
    </div>
  );
}
