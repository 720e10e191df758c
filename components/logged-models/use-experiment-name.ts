'use client';

import { useEffect, useState } from 'react';
import { getExperiment } from '@/lib/api-client';

/** An experiment's name, or null while unknown (callers fall back to the id). */
export function useExperimentName(experimentId: string | undefined): string | null {
  const [name, setName] = useState<string | null>(null);
  useEffect(() => {
    if (!experimentId) return;
    let live = true;
    getExperiment(experimentId)
      .then((e) => live && setName(e.name))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [experimentId]);
  return name;
}
