'use client';

import { useLayoutEffect, useState, type RefObject } from 'react';

/** A margin as IntersectionObserver takes it (`300px`, `200%` of the viewport's height), in px. */
function marginPx(rootMargin: string): number {
  const n = Number.parseFloat(rootMargin);
  if (!Number.isFinite(n)) return 0;
  return rootMargin.trim().endsWith('%') ? (window.innerHeight * n) / 100 : n;
}

/** Whether the element is within `margin` px of the viewport now. */
function nearViewport(el: Element, margin: number): boolean {
  const r = el.getBoundingClientRect();
  return r.bottom >= -margin && r.top <= window.innerHeight + margin && r.right >= -margin && r.left <= window.innerWidth + margin;
}

/**
 * True once the element has come within `rootMargin` of the viewport, and stays true: charts are
 * fetched and drawn only when scrolled near, then kept (scrolling back must not refetch).
 * What is near on mount is known before the first paint (a chart wall's first screen asks for its
 * data at once, not a frame later when an IntersectionObserver would first report).
 */
export function useInViewOnce(ref: RefObject<Element | null>, rootMargin = '300px'): boolean {
  const [seen, setSeen] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (seen || !el) return;
    if (typeof IntersectionObserver === 'undefined' || nearViewport(el, marginPx(rootMargin))) {
      setSeen(true);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer.disconnect();
        }
      },
      { rootMargin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, rootMargin, seen]);
  return seen;
}
