'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'next/navigation';

export interface UrlCodec<T> {
  read: (params: URLSearchParams) => T;
  /** A copy of `params` with the value written (other keys kept). */
  write: (params: URLSearchParams, value: T) => URLSearchParams;
}

/**
 * A piece of page state mirrored in the query string. The state changes at once (controls never
 * wait for the router); the URL follows through the History API, which Next keeps in step with
 * useSearchParams without asking the server for the page again. Back/forward (a URL this hook did
 * not write) flows back into the state. `delayMs` batches fast changes such as a dragged slider
 * (browsers throttle frequent history writes).
 */
export function useUrlState<T>(codec: UrlCodec<T>, mode: 'push' | 'replace', delayMs = 0): [T, (value: T) => void] {
  const searchParams = useSearchParams();
  const urlKey = JSON.stringify(codec.read(new URLSearchParams(searchParams.toString())));
  const [value, setValue] = useState<T>(() => JSON.parse(urlKey) as T);
  const written = useRef(urlKey);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    if (urlKey === written.current) return;
    written.current = urlKey;
    setValue(JSON.parse(urlKey) as T);
  }, [urlKey]);

  // Back/forward between our own entries: read the URL directly, since useSearchParams can miss a
  // traversal that lands while Next's router is busy with another update.
  useEffect(() => {
    const onPopState = () => {
      clearTimeout(timer.current);
      const key = JSON.stringify(codec.read(new URLSearchParams(window.location.search)));
      written.current = key;
      setValue(JSON.parse(key) as T);
    };
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, [codec]);

  useEffect(() => () => clearTimeout(timer.current), []);

  const set = useCallback(
    (next: T) => {
      setValue(next);
      clearTimeout(timer.current);
      const apply = () => {
        const params = codec.write(new URLSearchParams(window.location.search), next);
        written.current = JSON.stringify(codec.read(params));
        const query = params.toString();
        const url = `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
        // The state must be null: Next ignores history calls carrying its own state object.
        if (mode === 'push') window.history.pushState(null, '', url);
        else window.history.replaceState(null, '', url);
      };
      if (delayMs > 0) timer.current = setTimeout(apply, delayMs);
      else apply();
    },
    [codec, mode, delayMs],
  );
  return [value, set];
}
