'use client';

import { useCallback, useDeferredValue, useMemo, useState, type ReactNode } from 'react';
import { seriesColor } from '@/components/charts/chart-data';
import { BEST_VALUE_RULE } from './best-value';
import { runColor } from './color-scale';
import { ColorControl } from './ColorControl';
import { fieldValue, isMetricField, numericValues } from './compare-fields';
import { defaultState } from './compare-defaults';
import { compareRows, visibleRows } from './compare-rows';
import { MAX_AXES, type CompareState, type SavedState } from './compare-state';
import type { RunSource } from './compare-url';
import { CompareHeader } from './CompareHeader';
import { CompareTable } from './CompareTable';
import { FieldChooser } from './FieldChooser';
import { OverlayCharts } from './OverlayCharts';
import { ParallelCoordinates } from './ParallelCoordinates';
import { withBrush, type Brush } from './pc-brush';
import { PcBrushEditor } from './PcBrushEditor';
import { ScatterPlot } from './ScatterPlot';
import { useCompareModel, useRecords, useSelected } from './use-compare-model';
import type { LoadedRuns } from './use-compare-runs';
import { formatCount } from '@/lib/format';


function Section({ id, title, tools, children }: { id: string; title: string; tools?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mt-6">
      <div className="mb-2 flex flex-wrap items-center gap-x-4 gap-y-2">
        <h2 id={id} className="text-base font-semibold">
          {title}
        </h2>
        {tools}
      </div>
      {children}
    </section>
  );
}

function Switch({ label, checked, onChange, testId }: { label: string; checked: boolean; onChange: (on: boolean) => void; testId: string }) {
  return (
    <label className="flex cursor-pointer items-center gap-1.5 text-sm text-slate-700 dark:text-slate-300">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} data-testid={testId} className="h-4 w-4 accent-blue-600 focus-visible:outline-2 focus-visible:outline-blue-500" />
      {label}
    </label>
  );
}

/**
 * The comparison of loaded runs: parallel coordinates (whose brushes select the runs the other
 * views show), the side-by-side table, overlaid metric histories and a scatter plot. The whole
 * view is one `CompareState`, which the Share button saves.
 */
export function CompareView({ source, loaded, initial, dropped }: { source: RunSource; loaded: LoadedRuns; initial: SavedState | null; dropped: string[] }) {
  const { records, catalog } = useRecords(loaded.runs);
  const [state, setState] = useState<CompareState>(() => ({ ...defaultState(source, catalog, records), ...initial }));
  const model = useCompareModel(records, catalog, state);
  const update = useCallback((patch: Partial<CompareState>) => setState((s) => ({ ...s, ...patch })), []);

  const numericFields = useMemo(
    () => catalog.all.filter((f) => isMetricField(f) || numericValues(records.map((r) => fieldValue(r, f))) !== null),
    [catalog, records],
  );
  // The parallel coordinates follow a brush at once; the table, charts and scatter plot render the
  // new selection in the background, so brushing stays responsive with thousands of runs.
  const selection = useDeferredValue(model.selection);
  const selected = useSelected(records, selection);
  const { color } = model;
  const colorOf = useCallback((i: number) => (color ? runColor(color, selected.indexes[i]) : seriesColor(i)), [color, selected]);
  const rows = useMemo(() => compareRows(selected.records), [selected]);
  const shownRows = useMemo(() => visibleRows(rows, state.onlyDifferences), [rows, state.onlyDifferences]);

  const setBrushes = useCallback((brushes: Brush[]) => update({ brushes }), [update]);
  const setScatter = useCallback((x: string | null, y: string | null) => update({ scatter: { x, y } }), [update]);
  const moveAxis = useCallback(
    (key: string, to: number) =>
      setState((s) => {
        const from = s.axes.findIndex((a) => a.key === key);
        if (from < 0 || to < 0 || to >= s.axes.length) return s;
        const axes = [...s.axes];
        const [moved] = axes.splice(from, 1);
        axes.splice(to, 0, moved);
        return { ...s, axes };
      }),
    [],
  );
  const toggleLog = useCallback((key: string) => setState((s) => ({ ...s, axes: s.axes.map((a) => (a.key === key ? { ...a, log: !a.log } : a)) })), []);
  const toggleAxis = useCallback(
    (key: string, on: boolean) =>
      setState((s) =>
        on
          ? s.axes.some((a) => a.key === key) || s.axes.length >= MAX_AXES
            ? s
            : { ...s, axes: [...s.axes, { key, log: false }] }
          : { ...s, axes: s.axes.filter((a) => a.key !== key), brushes: withBrush(s.brushes, key, null) },
      ),
    [],
  );
  // Axes of the state that these runs lack (an old shared view) stay in the state but are not
  // drawn, so a drawn position maps to the state's index of the axis drawn there.
  const shownAxes = model.axes;
  const moveShownAxis = useCallback(
    (key: string, to: number) => {
      const target = shownAxes[to];
      if (target) moveAxis(key, state.axes.findIndex((a) => a.key === target.field.id));
    },
    [shownAxes, state.axes, moveAxis],
  );
  const removeAxis = useCallback((key: string) => toggleAxis(key, false), [toggleAxis]);

  const total = records.length;
  const brushed = model.selectedCount;
  const shown = selected.records.length;
  const fieldOf = (id: string | null) => (id ? (catalog.byId.get(id) ?? null) : null);
  const scatterX = fieldOf(state.scatter.x);
  const scatterY = fieldOf(state.scatter.y);

  return (
    <div>
      <CompareHeader source={source} loaded={loaded} state={state} dropped={dropped} />

      <Section
        id="compare-pc"
        title="Parallel coordinates"
        tools={
          <>
            <FieldChooser catalog={catalog} chosen={state.axes.map((a) => a.key)} max={MAX_AXES} onToggle={toggleAxis} />
            <ColorControl fields={numericFields} value={state.colorBy} scale={model.color} onChange={(colorBy) => update({ colorBy })} />
            <span className="text-sm text-slate-700 dark:text-slate-300" data-testid="selected-count" aria-live="polite">
              {brushed === total ? `${formatCount(total)} runs` : `${formatCount(brushed)} of ${formatCount(total)} runs`}
            </span>
          </>
        }
      >
        {model.axes.length === 0 ? (
          <p className="text-sm text-slate-500">No axes: press Axes to choose params and metrics.</p>
        ) : (
          <ParallelCoordinates
            axes={model.axes}
            selection={model.selection}
            color={model.color}
            brushes={state.brushes}
            onBrushes={setBrushes}
            onMoveAxis={moveShownAxis}
            onToggleLog={toggleLog}
            onRemoveAxis={removeAxis}
          />
        )}
        <PcBrushEditor axes={model.axes} brushes={state.brushes} onBrushes={setBrushes} />
      </Section>

      <Section
        id="compare-table-heading"
        title="Side by side"
        tools={
          <>
            <Switch label="Only differences" checked={state.onlyDifferences} onChange={(onlyDifferences) => update({ onlyDifferences })} testId="only-differences" />
            <Switch label="Runs as rows" checked={state.transposed} onChange={(transposed) => update({ transposed })} testId="transpose" />
            <span className="cursor-help text-xs text-slate-600 underline decoration-dotted dark:text-slate-300" title={BEST_VALUE_RULE} data-testid="best-value-rule">
              <span aria-hidden className="text-emerald-700 dark:text-emerald-300">★</span> best value
              <span className="sr-only">: {BEST_VALUE_RULE}</span>
            </span>
            <span className="text-xs text-slate-500 dark:text-slate-400" data-testid="table-summary">
              {formatCount(shown)} {shown === total ? '' : 'selected '}runs × {formatCount(shownRows.length)} keys
              {shown > 12 && ' (scroll to see more; only what is in view is drawn)'}
            </span>
          </>
        }
      >
        {shownRows.length === 0 ? (
          <p className="text-sm text-slate-500">{shown === 0 ? 'No runs selected: clear a brush.' : 'The runs hold the same values everywhere.'}</p>
        ) : (
          <CompareTable records={selected.records} rows={shownRows} transposed={state.transposed} colorOf={colorOf} />
        )}
      </Section>

      <Section id="compare-charts" title="Metric history">
        <OverlayCharts
          records={selected.records}
          colorOf={colorOf}
          allMetrics={catalog.metrics}
          metrics={state.overlay.metrics}
          options={state.overlay.options}
          onChange={(metrics, options) => update({ overlay: { metrics, options } })}
        />
      </Section>

      <Section id="compare-scatter" title="Scatter plot">
        <ScatterPlot
          records={records}
          selection={selection}
          color={model.color}
          fields={catalog.all}
          x={scatterX}
          y={scatterY}
          onChange={setScatter}
        />
      </Section>
    </div>
  );
}
