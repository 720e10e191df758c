import { statusText } from './logged-model-data';

const STYLE: Record<string, string> = {
  READY: 'bg-green-100 text-green-800 dark:bg-green-950 dark:text-green-200',
  PENDING: 'bg-blue-100 text-blue-800 dark:bg-blue-950 dark:text-blue-200',
  UPLOAD_FAILED: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-200',
};

/** A logged model's status (`LOGGED_MODEL_READY` shown as READY). */
export function ModelStatusBadge({ status, testId }: { status: string | undefined; testId?: string }) {
  const text = statusText(status);
  return (
    <span
      data-testid={testId}
      className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${STYLE[text] ?? 'bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-200'}`}
    >
      {text}
    </span>
  );
}
