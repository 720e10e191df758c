'use client';

import { useEffect } from 'react';
import { updateRegisteredModelDescription } from '@/lib/api-client';
import { formatRelative, formatTime } from '@/lib/format';
import { ErrorNote, Loading } from '@/components/ui/Notice';
import { defaultComparison, sortedAliases } from './model-summary';
import { championChallengerHref } from './registry-links';
import { AliasEditor } from './AliasEditor';
import { EditableDescription } from '@/components/ui/EditableDescription';
import { AliasChips, RegistryBreadcrumbs, Section, TagChips } from './RegistryBits';
import { useRegisteredModel, useSourceExperiments } from './use-registry-data';
import { VersionsTable } from './VersionsTable';

/**
 * One registered model: name, description (markdown, editable), tags, aliases with their editor,
 * and the versions table. Alias changes reload the model, so chips everywhere on the page follow.
 */
export function ModelPage({ name }: { name: string }) {
  const { model, versions, error, notFound, reload } = useRegisteredModel(name);
  const experiments = useSourceExperiments(versions);

  useEffect(() => {
    document.title = `${name} · Models · Runboard`;
  }, [name]);

  if (notFound) {
    return (
      <div className="space-y-3">
        <RegistryBreadcrumbs name={name} />
        <ErrorNote>There is no registered model named “{name}”. Check the link, or pick a model from the list.</ErrorNote>
      </div>
    );
  }
  if (!model || !versions) return error ? <ErrorNote>Could not load model “{name}”: {error}. Reload the page to try again.</ErrorNote> : <Loading label="Loading model…" />;

  const aliases = sortedAliases(model);
  const pair = defaultComparison(model);

  return (
    <div className="max-w-7xl space-y-4">
      <div>
        <RegistryBreadcrumbs name={model.name} />
        <div className="flex flex-wrap items-center gap-3">
          <h1 data-testid="model-name" className="min-w-0 text-xl font-semibold break-all">{model.name}</h1>
          <span data-testid="model-header-aliases"><AliasChips aliases={aliases} name={model.name} /></span>
          {pair && (
            <a href={championChallengerHref(model.name, pair[0], pair[1])} data-testid="champion-challenger-link" className="ml-auto rounded border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
              Compare {pair[0]} vs {pair[1]}
            </a>
          )}
        </div>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          {versions.length} version{versions.length === 1 ? '' : 's'} · created <span title={formatTime(model.creation_timestamp)}>{formatRelative(model.creation_timestamp)}</span> · last modified{' '}
          <span title={formatTime(model.last_updated_timestamp)}>{formatRelative(model.last_updated_timestamp)}</span>
        </p>
      </div>

      <div className="grid gap-4 lg:grid-cols-2">
        <EditableDescription
          what="model"
          description={model.description ?? ''}
          onSave={async (text) => {
            await updateRegisteredModelDescription(model.name, text);
            await reload();
          }}
        />
        <div className="space-y-4">
          <Section title="Aliases" id="aliases-title">
            <AliasEditor name={model.name} aliases={aliases} versions={versions.map((v) => v.version)} onChanged={reload} />
          </Section>
          <Section title="Tags" id="tags-title">
            <TagChips tags={model.tags} includeSystem />
          </Section>
        </div>
      </div>

      <Section title="Versions" id="versions-title">
        <VersionsTable name={model.name} versions={versions} aliases={aliases} experiments={experiments} />
      </Section>
    </div>
  );
}
