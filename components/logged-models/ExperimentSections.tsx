import { experimentHref, loggedModelsHref } from './links';

const BASE = 'rounded px-2 py-0.5 text-sm focus-visible:outline-2 focus-visible:outline-blue-500';
const ON = 'bg-slate-200 font-medium text-slate-900 dark:bg-slate-800 dark:text-slate-100';
const OFF = 'text-blue-700 hover:bg-slate-100 hover:underline dark:text-blue-300 dark:hover:bg-slate-800';

/** "Runs | Models" links of one experiment (plain links: each is its own page). */
export function ExperimentSections({ experimentId, current }: { experimentId: string; current: 'runs' | 'models' }) {
  return (
    <nav aria-label="Experiment sections" className="flex items-center gap-1">
      <a href={experimentHref(experimentId)} aria-current={current === 'runs' ? 'page' : undefined} className={`${BASE} ${current === 'runs' ? ON : OFF}`} data-testid="experiment-runs-link">
        Runs
      </a>
      <a
        href={loggedModelsHref(experimentId)}
        aria-current={current === 'models' ? 'page' : undefined}
        className={`${BASE} ${current === 'models' ? ON : OFF}`}
        data-testid="experiment-models-link"
      >
        Models
      </a>
    </nav>
  );
}
