'use client';

import { useMemo } from 'react';
import type { TableRun } from '@/lib/api-client';
import { buildColorScale, type ColorScale } from './color-scale';
import { fieldCatalog, fieldValue, numericValues, toRunRecord, type Field, type FieldCatalog, type RunRecord } from './compare-fields';
import type { CompareState } from './compare-state';
import { countSelected, selectRuns } from './pc-brush';
import { buildAxis, type PcAxis } from './pc-scales';

export interface CompareModel {
  records: RunRecord[];
  catalog: FieldCatalog;
  /** The state's axes that exist in these runs, in order. */
  axes: PcAxis[];
  /** 1 per run inside every brush. */
  selection: Uint8Array;
  selectedCount: number;
  colorField: Field | null;
  color: ColorScale | null;
}

/** Everything the views derive from the runs and the state, each part recomputed only when its inputs change. */
export function useRecords(runs: readonly TableRun[]): { records: RunRecord[]; catalog: FieldCatalog } {
  const records = useMemo(() => runs.map(toRunRecord), [runs]);
  const catalog = useMemo(() => fieldCatalog(records), [records]);
  return { records, catalog };
}

export function useCompareModel(records: RunRecord[], catalog: FieldCatalog, state: CompareState): CompareModel {
  const axesKey = JSON.stringify(state.axes);
  const axes = useMemo(
    () =>
      state.axes.flatMap((a) => {
        const field = catalog.byId.get(a.key);
        return field ? [buildAxis(field, records.map((r) => fieldValue(r, field)), a.log)] : [];
      }),
    // axesKey stands for state.axes (a new array with the same content must not rebuild).
    [records, catalog, axesKey], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const brushKey = JSON.stringify(state.brushes);
  const selection = useMemo(
    () => selectRuns(axes, state.brushes, records.length),
    [axes, brushKey, records.length], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const colorField = (state.colorBy && catalog.byId.get(state.colorBy)) || null;
  const color = useMemo(() => {
    if (!colorField) return null;
    const nums = numericValues(records.map((r) => fieldValue(r, colorField)));
    return nums ? buildColorScale(nums) : null;
  }, [records, colorField]);
  return { records, catalog, axes, selection, selectedCount: countSelected(selection), colorField, color };
}

export interface Selected {
  records: RunRecord[];
  /** Each selected record's index in all records. */
  indexes: number[];
}

/** The runs a selection mask keeps, in order. */
export function useSelected(records: RunRecord[], selection: Uint8Array): Selected {
  return useMemo(() => {
    const indexes = records.flatMap((_, i) => (selection[i] ? [i] : []));
    return { records: indexes.map((i) => records[i]), indexes };
  }, [records, selection]);
}
