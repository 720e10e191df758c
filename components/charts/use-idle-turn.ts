'use client';

import { useEffect, useState } from 'react';

type Turn = () => void;

/** Charts waiting for an idle moment, first come first served; one is drawn per idle period. */
const queue: Turn[] = [];
let scheduled = false;

const requestIdle: (cb: () => void) => void =
  typeof window !== 'undefined' && 'requestIdleCallback' in window
    ? (cb) => window.requestIdleCallback(cb, { timeout: 1000 })
    : (cb) => setTimeout(cb, 50);

function schedule(): void {
  if (scheduled || queue.length === 0) return;
  scheduled = true;
  requestIdle(() => {
    scheduled = false;
    queue.shift()?.();
    schedule();
  });
}

/**
 * True once the browser has had an idle moment for this caller while `wanted`: charts just below
 * the screen draw one at a time when nothing else is going on, so scrolling to them finds them
 * drawn, and the first screen never waits for them.
 */
export function useIdleTurn(wanted: boolean): boolean {
  const [granted, setGranted] = useState(false);
  useEffect(() => {
    if (!wanted || granted) return;
    const turn: Turn = () => setGranted(true);
    queue.push(turn);
    schedule();
    return () => {
      const i = queue.indexOf(turn);
      if (i >= 0) queue.splice(i, 1);
    };
  }, [wanted, granted]);
  return granted;
}
