// What differs between the two UIs: URLs and how to recognise a data row, the runs table's
// scroller and a drawn chart. Selector code is source text, evaluated inside the page (probe.mjs).

/** A run name of the 10,000-run demo experiment, as it appears in a row's text. */
export const RUN_NAME = 'ctr-grid-\\d{5}';

export const targets = {
  runboard: {
    label: 'Runboard',
    runsUrl: (base, expId) => `${base}/experiments/${expId}`,
    runUrl: (base, expId, runId) => `${base}/experiments/${expId}/runs/${runId}?tab=charts`,
    // The agreed test ids of the runs table (components/runs-table): a row of a loaded run, or a
    // placeholder row while its page is being fetched.
    rowSelector: '[data-testid="runs-table-row"], [data-testid="runs-table-placeholder"]',
    scroller: '[data-testid="runs-table-scroll"]',
    // Rows the table holds (scrollable without any click): its aria-rowcount, less the header row.
    tableRows: '() => Number(document.querySelector(\'[data-testid="runs-table"]\')?.getAttribute("aria-rowcount")) - 1',
    // Charts: one card per metric, `data-ready="true"` once its data is drawn (MetricChartCard).
    card: '[data-testid="metric-chart"]',
    slot: '[data-testid="metric-chart"]', // every card is mounted; each fetches and draws when near the viewport
    cardKey: '(el) => el.getAttribute("data-metric-key")',
    cardReady: '(el) => el.getAttribute("data-ready") === "true"',
  },
  mlflow: {
    label: 'MLflow',
    // The experiment's "Training runs" tab. Plain `/#/experiments/<id>` opens MLflow 3's GenAI
    // overview for an experiment without a type, not the runs table.
    runsUrl: (base, expId) => `${base}/#/experiments/${expId}/runs`,
    // The run page's "Model metrics" tab: one chart card per metric (plotly), mounted only while in
    // view (the grid holds a placeholder per metric).
    runUrl: (base, expId, runId) => `${base}/#/experiments/${expId}/runs/${runId}/model-metrics`,
    // ag-grid: a row is split over the pinned-left container (selection, run name), the centre and
    // the pinned-right one; the left part carries the run name.
    rowSelector: '.ag-pinned-left-cols-container .ag-row',
    scroller: '.ag-body-viewport',
    // Rows the table holds: the "N matching runs" line under it.
    tableRows: '() => Number((/([\\d,]+) matching runs?/.exec(document.body.innerText) || [])[1]?.replace(/,/g, ""))',
    card: '[data-testid="experiment-view-compare-runs-card"]',
    slot: '[data-testid="draggable-chart-cards-grid"] > *', // a cell per metric; the card is mounted inside when in view
    cardKey: '(el) => el.querySelector("h4[title]")?.getAttribute("title") ?? null',
    // Drawn: plotly has drawn the line (a trace path with a real `d`).
    cardReady: '(el) => [...el.querySelectorAll(".js-plotly-plot .scatterlayer .trace path.js-line")].some((p) => (p.getAttribute("d") || "").length > 20)',
    // 100 runs per page, then a "Load more" button at the end of the table.
    loadMoreText: 'Load more',
  },
};
