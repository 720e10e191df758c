'use client';

import { useEffect, useMemo, useState } from 'react';
import { setRegisteredModelAlias } from '@/lib/api-client';
import { Button } from '@/components/ui/Button';
import { ErrorNote, InfoNote, Loading } from '@/components/ui/Notice';
import { useUrlState, type UrlCodec } from '@/components/run/use-url-state';
import { describeAliasChange, parseSide, type Side } from './alias-logic';
import { CompareCharts } from './CompareCharts';
import { CompareDatasets } from './CompareDatasets';
import { CompareMetrics } from './CompareMetrics';
import { CompareParams } from './CompareParams';
import { ConfirmDialog } from '@/components/ui/ConfirmDialog';
import { sortedAliases } from './model-summary';
import { modelHref } from './registry-links';
import { LINK, RegistryBreadcrumbs, Section } from './RegistryBits';
import { SideCard } from './SideCard';
import { SidePicker } from './SidePicker';
import { useRegisteredModel } from './use-registry-data';
import { useSide } from './use-side';

type Pair = { a: string | null; b: string | null };
const PAIR_CODEC: UrlCodec<Pair> = {
  read: (p) => ({ a: p.get('a'), b: p.get('b') }),
  write: (p, v) => {
    const n = new URLSearchParams(p);
    for (const k of ['a', 'b'] as const) {
      const value = v[k];
      if (value) n.set(k, value);
      else n.delete(k);
    }
    return n;
  },
};

function sideLabel(side: Side | null): string {
  if (!side) return '—';
  return side.kind === 'alias' ? `${side.alias}${side.version ? ` (v${side.version})` : ''}` : `Version ${side.version}`;
}

function missingText(side: Side | null, versions: string[]): string | null {
  if (!side) return 'Choose an alias or a version.';
  if (side.kind === 'alias' && !side.version) return `This model has no alias “${side.alias}”. Pick another alias or a version above.`;
  if (side.kind === 'version' && !versions.includes(side.version)) return `This model has no version ${side.version}. Pick another above.`;
  return null;
}

/**
 * Two versions of a model side by side (`?a=champion&b=challenger`; any alias or `v<n>`): metrics
 * with the better side, params that differ, dataset inputs, overlaid metric histories, and Promote,
 * which moves side A's alias onto side B's version after a confirmation.
 */
export function ChampionChallengerPage({ name }: { name: string }) {
  const { model, versions, error, notFound, reload } = useRegisteredModel(name);
  const [pair, setPair] = useUrlState(PAIR_CODEC, 'replace');
  const [confirming, setConfirming] = useState(false);
  const [promoted, setPromoted] = useState<string | null>(null);

  const aliases = useMemo(() => (model ? sortedAliases(model) : []), [model]);
  const versionList = useMemo(() => (versions ?? []).map((v) => v.version), [versions]);
  const has = (alias: string) => aliases.some((x) => x.alias === alias);
  const aKey = pair.a ?? (has('champion') ? 'champion' : aliases[0]?.alias ?? 'champion');
  const bKey = pair.b ?? (has('challenger') ? 'challenger' : aliases.find((x) => x.alias !== aKey)?.alias ?? 'challenger');
  const sideA = parseSide(aKey, model?.aliases);
  const sideB = parseSide(bKey, model?.aliases);
  const va = sideA?.version && versionList.includes(sideA.version) ? sideA.version : undefined;
  const vb = sideB?.version && versionList.includes(sideB.version) ? sideB.version : undefined;
  const dataA = useSide(name, model ? va : undefined);
  const dataB = useSide(name, model ? vb : undefined);
  const labelA = sideLabel(sideA);
  const labelB = sideLabel(sideB);

  useEffect(() => {
    document.title = `${name}: ${aKey} vs ${bKey} · Runboard`;
  }, [name, aKey, bKey]);

  if (notFound) return <ErrorNote>There is no registered model named “{name}”. Check the link, or pick a model from the list.</ErrorNote>;
  if (!model || !versions) return error ? <ErrorNote>Could not load model “{name}”: {error}. Reload the page to try again.</ErrorNote> : <Loading label="Loading model…" />;

  const canPromote = sideA?.kind === 'alias' && va !== undefined && vb !== undefined && va !== vb;
  const change = canPromote && sideA?.kind === 'alias' ? { kind: 'move' as const, alias: sideA.alias, from: va, version: vb } : null;
  const bothLoaded = dataA.mv !== null && dataB.mv !== null;

  return (
    <div className="max-w-7xl space-y-4">
      <div>
        <RegistryBreadcrumbs name={model.name} current={`${aKey} vs ${bKey}`} />
        <div className="flex flex-wrap items-center gap-3">
          <h1 className="text-xl font-semibold">
            <span className="break-all">{sideLabel(sideA)}</span> <span className="text-slate-500">vs</span> <span className="break-all">{sideLabel(sideB)}</span>
          </h1>
          <div className="flex flex-wrap items-center gap-3">
            <SidePicker id="side-a" label="A" side={sideA} aliases={aliases} versions={versionList} onChange={(k) => setPair({ a: k, b: bKey })} />
            <SidePicker id="side-b" label="B" side={sideB} aliases={aliases} versions={versionList} onChange={(k) => setPair({ a: aKey, b: k })} />
          </div>
          {change && (
            <Button variant="primary" className="ml-auto" data-testid="promote-button" onClick={() => setConfirming(true)}>
              Promote version {change.version} to {change.alias}
            </Button>
          )}
        </div>
      </div>

      {promoted && (
        <p role="status" data-testid="promote-result" className="rounded border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900 dark:border-green-900 dark:bg-green-950 dark:text-green-100">
          {promoted} <a href={modelHref(model.name)} className={LINK}>Back to the model</a>
        </p>
      )}
      {va !== undefined && va === vb && <InfoNote>Both sides are version {va}: there is nothing to compare. Pick another alias or version.</InfoNote>}

      <div className="grid gap-4 md:grid-cols-2">
        <SideCard name={model.name} label={`A: ${labelA}`} data={dataA} testId="side-a-card" missing={missingText(sideA, versionList)} />
        <SideCard name={model.name} label={`B: ${labelB}`} data={dataB} testId="side-b-card" missing={missingText(sideB, versionList)} />
      </div>

      {bothLoaded && (!dataA.run || !dataB.run) && <InfoNote>A source run is missing, so metrics, params and datasets can be compared only partly.</InfoNote>}
      {bothLoaded && (
        <>
          <Section title="Metrics (latest values of each source run)" id="cc-metrics-title">
            <CompareMetrics a={dataA.run?.data.metrics} b={dataB.run?.data.metrics} labelA={labelA} labelB={labelB} />
          </Section>
          <Section title="Params" id="cc-params-title">
            <CompareParams a={dataA.run?.data.params} b={dataB.run?.data.params} labelA={labelA} labelB={labelB} />
          </Section>
          <Section title="Dataset inputs" id="cc-datasets-title">
            <CompareDatasets a={dataA.run?.inputs?.dataset_inputs} b={dataB.run?.inputs?.dataset_inputs} labelA={labelA} labelB={labelB} />
          </Section>
          {dataA.run && dataB.run && (
            <Section title="Metric histories" id="cc-charts-title">
              <CompareCharts a={dataA.run} b={dataB.run} labelA={labelA} labelB={labelB} />
            </Section>
          )}
        </>
      )}

      <ConfirmDialog
        open={confirming && change !== null}
        title={change ? `Promote version ${change.version}` : 'Promote'}
        message={change ? describeAliasChange(change) : ''}
        confirmLabel="Promote"
        onConfirm={async () => {
          if (!change) return;
          await setRegisteredModelAlias(model.name, change.alias, change.version);
          await reload();
          setPromoted(`${change.alias} now points to version ${change.version} (was version ${change.from}).`);
        }}
        onClose={() => setConfirming(false)}
      />
    </div>
  );
}
