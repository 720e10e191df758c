'use client';

import { useEffect } from 'react';
import { useRouter } from 'next/navigation';

/**
 * The MLflow client prints run links in the MLflow UI's hash form (`/#/experiments/1/runs/abc`);
 * they land here and move to the same page's real path, inside the app (no second page load).
 */
export function HashRedirect() {
  const router = useRouter();
  useEffect(() => {
    const match = /^#\/(experiments\/[^?#]*|models\/[^?#]*|compare-runs[^#]*)$/.exec(window.location.hash);
    if (match) router.replace(`/${match[1]}`);
  }, [router]);
  return null;
}
