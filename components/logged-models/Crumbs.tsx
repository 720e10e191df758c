/** A breadcrumb trail; the last item is the current page. */
export function Crumbs({ items }: { items: { label: string; href?: string }[] }) {
  return (
    <nav aria-label="Breadcrumb" className="mb-1 text-sm text-slate-600 dark:text-slate-400">
      <ol className="flex flex-wrap items-center gap-1">
        {items.map((item, i) => {
          const last = i === items.length - 1;
          return (
            <li key={`${i}-${item.label}`} className="flex items-center gap-1">
              {i > 0 && <span aria-hidden>/</span>}
              {last || !item.href ? (
                <span aria-current={last ? 'page' : undefined} className="max-w-[40ch] truncate">{item.label}</span>
              ) : (
                <a href={item.href} className="max-w-[40ch] truncate hover:text-blue-600 hover:underline focus-visible:outline-2 focus-visible:outline-blue-500">
                  {item.label}
                </a>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
