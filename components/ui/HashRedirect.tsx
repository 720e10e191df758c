'use client';

import { useEffect } from 'react';

/**
 * The MLflow client prints run links in the MLflow UI's hash form (`/#/experiments/1/runs/abc`);
 * they land here and move to the same page's real path.
 */
export function HashRedirect() {
  useEffect(() => {
    const match = /^#\/(experiments\/[^?#]*|models\/[^?#]*|compare-runs[^#]*)$/.exec(window.location.hash);
    if (match) window.location.replace(`/${match[1]}`);
  }, []);
  return null;
}
