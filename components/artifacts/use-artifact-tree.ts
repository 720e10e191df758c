'use client';

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ArtifactSource } from './artifact-source';
import { FOLDER_PAGE, sortEntries, visibleRows, type DirState } from './tree-model';

function errorText(e: unknown): string {
  return e instanceof Error && e.message ? e.message : 'Could not list the artifacts. Check the server and try again.';
}

/** Folder listings (loaded once each, on first open), open folders and per-folder row limits. */
export function useArtifactTree(source: ArtifactSource) {
  const [dirs, setDirs] = useState<Record<string, DirState>>({});
  const [expanded, setExpanded] = useState<Set<string>>(() => new Set());
  const [limits, setLimits] = useState<Record<string, number>>({});
  // Listings asked for, so two quick opens of one folder make one request.
  const requested = useRef(new Set<string>());

  const load = useCallback(
    (path: string, force = false) => {
      if (requested.current.has(path) && !force) return;
      requested.current.add(path);
      setDirs((d) => ({ ...d, [path]: { status: 'loading' } }));
      source.list(path || undefined).then(
        (entries) => setDirs((d) => ({ ...d, [path]: { status: 'ready', entries: sortEntries(entries) } })),
        (e: unknown) => {
          requested.current.delete(path);
          setDirs((d) => ({ ...d, [path]: { status: 'error', message: errorText(e) } }));
        },
      );
    },
    [source],
  );

  useEffect(() => load(''), [load]);

  const expand = useCallback(
    (path: string) => {
      load(path);
      setExpanded((s) => (s.has(path) ? s : new Set(s).add(path)));
    },
    [load],
  );
  const collapse = useCallback((path: string) => {
    setExpanded((s) => {
      if (!s.has(path)) return s;
      const next = new Set(s);
      next.delete(path);
      return next;
    });
  }, []);
  const toggle = useCallback((path: string) => (expanded.has(path) ? collapse(path) : expand(path)), [expanded, collapse, expand]);
  const showMore = useCallback((dir: string) => setLimits((l) => ({ ...l, [dir]: (l[dir] ?? FOLDER_PAGE) + FOLDER_PAGE })), []);
  const retry = useCallback((dir: string) => load(dir, true), [load]);

  const rows = useMemo(() => visibleRows(dirs, expanded, limits), [dirs, expanded, limits]);
  return { dirs, expanded, rows, load, expand, collapse, toggle, showMore, retry };
}
