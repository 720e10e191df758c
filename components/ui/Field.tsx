import type { ReactNode } from 'react';

/** One labelled value of a details list (`<dl>`): the label muted, the value wrapping anywhere. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="min-w-0 break-words">{children}</dd>
    </>
  );
}
