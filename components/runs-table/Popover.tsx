'use client';

import { useEffect, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { createPortal } from 'react-dom';

/**
 * A non-modal panel under a button, rendered in <body> so the table's scroll box cannot clip it.
 * Escape or a click outside closes it and gives focus back to the button; focus moves into the
 * panel when it opens.
 */
export function Popover({
  anchor,
  open,
  onClose,
  label,
  children,
  align = 'start',
  className = '',
}: {
  anchor: RefObject<HTMLElement | null>;
  open: boolean;
  onClose: () => void;
  label: string;
  children: ReactNode;
  align?: 'start' | 'end';
  className?: string;
}) {
  const panel = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState<{ top: number; left: number } | null>(null);
  // Callers pass inline closures; the listeners below must not be re-attached (and focus moved) on each render.
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    if (!open) return;
    const place = () => {
      const a = anchor.current?.getBoundingClientRect();
      const p = panel.current;
      if (!a || !p) return;
      const width = p.offsetWidth;
      let left = align === 'end' ? a.right - width : a.left;
      left = Math.max(8, Math.min(left, window.innerWidth - width - 8));
      const below = a.bottom + 4;
      const top = below + p.offsetHeight > window.innerHeight - 8 ? Math.max(8, a.top - p.offsetHeight - 4) : below;
      setPos({ top, left });
    };
    place();
    window.addEventListener('resize', place);
    return () => window.removeEventListener('resize', place);
  }, [open, anchor, align]);

  useEffect(() => {
    if (!open) return;
    const anchorEl = anchor.current;
    const first = panel.current?.querySelector<HTMLElement>('input, button, select, [tabindex]:not([tabindex="-1"])');
    first?.focus();
    const close = (returnFocus: boolean) => {
      onCloseRef.current();
      // The anchor may wrap the button (shared Button takes no ref).
      if (returnFocus) (anchorEl?.matches('button') ? anchorEl : anchorEl?.querySelector<HTMLElement>('button'))?.focus();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        close(true);
      }
    };
    const onDown = (e: PointerEvent) => {
      const t = e.target as Node;
      if (!panel.current?.contains(t) && !anchorEl?.contains(t)) close(false);
    };
    const onScroll = (e: Event) => {
      if (!panel.current?.contains(e.target as Node)) close(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [open, anchor]);

  if (!open || typeof document === 'undefined') return null;
  return createPortal(
    <div
      ref={panel}
      role="dialog"
      aria-label={label}
      style={{ top: pos?.top ?? -9999, left: pos?.left ?? -9999 }}
      className={`fixed z-50 rounded-md border border-slate-200 bg-white p-2 text-sm text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${className}`}
    >
      {children}
    </div>,
    document.body,
  );
}
