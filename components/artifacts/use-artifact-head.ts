'use client';

import { useEffect, useState } from 'react';
import { fetchArtifactHead, type ArtifactHead } from '@/lib/api-client';
import { PREVIEW_HEAD_BYTES } from './preview-kind';

export type HeadState = { status: 'idle' } | { status: 'loading' } | { status: 'error'; message: string } | { status: 'ready'; head: ArtifactHead };

/** The first 256 KiB of a file (HTTP Range), fetched while `enabled`; aborted when the file changes. */
export function useArtifactHead(url: string, enabled: boolean): HeadState {
  const [state, setState] = useState<HeadState>({ status: 'idle' });
  useEffect(() => {
    if (!enabled) {
      setState({ status: 'idle' });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading' });
    fetchArtifactHead(url, PREVIEW_HEAD_BYTES, { signal: controller.signal }).then(
      (head) => setState({ status: 'ready', head }),
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'error', message: e instanceof Error ? e.message : 'Could not read the file.' });
      },
    );
    return () => controller.abort();
  }, [url, enabled]);
  return state;
}
