'use client';

/** A row of tabs (ARIA tablist); the caller renders the selected panel. */
export function Tabs<T extends string>({ tabs, selected, onSelect, label }: { tabs: { id: T; label: string }[]; selected: T; onSelect: (id: T) => void; label: string }) {
  return (
    <div role="tablist" aria-label={label} className="mb-3 flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {tabs.map((t) => (
        <button
          key={t.id}
          role="tab"
          type="button"
          aria-selected={t.id === selected}
          onClick={() => onSelect(t.id)}
          className={`-mb-px border-b-2 px-3 py-1.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-500 ${
            t.id === selected ? 'border-blue-600 font-medium text-blue-700 dark:text-blue-300' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100'
          }`}
        >
          {t.label}
        </button>
      ))}
    </div>
  );
}
