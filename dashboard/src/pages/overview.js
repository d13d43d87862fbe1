// @ts-check
// Overview: what Mailflow did over the last hour, day or week (ledger counters through /api/metrics), processing
// latency, and the figures refreshing by themselves.
import { h, replace, table } from '../lib/dom.js';
import { count, millis } from '../lib/format.js';
import { every } from '../lib/timer.js';
import { empty, load } from '../lib/view.js';

const windows = /** @type {const} */ (['1h', '24h', '7d']);
const windowNames = { '1h': 'last hour', '24h': 'last 24 hours', '7d': 'last 7 days' };
const stepNames = { '1m': 'minute', '5m': '5 minutes', '15m': '15 minutes', '1h': 'hour', '6h': '6 hours', '1d': 'day' };
const RefreshMs = 30000;

/** Colours with contrast on white, and dash patterns so lines differ by more than hue; the legend names them. */
const mailSeries = [
  { metric: 'received', label: 'Received', color: '#1d4ed8' },
  { metric: 'routed', label: 'Routed', color: '#047857', dash: [8, 4] },
  { metric: 'quarantined', label: 'Quarantined', color: '#b45309', dash: [2, 3] },
  { metric: 'failed', label: 'Failed', color: '#b91c1c', dash: [10, 3, 2, 3] },
  { metric: 'deadLettered', label: 'Dead-lettered', color: '#7c3aed', dash: [4, 4] },
  { metric: 'sent', label: 'Sent', color: '#0f766e', dash: [14, 4] },
];
const latencySeries = [
  { metric: 'latencyP50', label: 'p50', color: '#047857' },
  { metric: 'latencyP95', label: 'p95', color: '#b45309', dash: [8, 4] },
  { metric: 'latencyP99', label: 'p99', color: '#b91c1c', dash: [2, 3] },
];

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
export function render(main, { api, query, signal, navigate }) {
  const selected = windows.find((w) => w === query.get('window')) ?? '1h';
  const updated = h('p', { class: 'hint', 'aria-live': 'off' });
  // Three regions, so the totals show as soon as the summary answers (the first meaningful paint) while the charts'
  // series and uPlot are still loading.
  const totals = h('div', { class: 'overview-totals' });
  const charts = h('div', { class: 'overview-charts' });
  const details = h('div', { class: 'overview-details' });
  const chooser = h('div', { class: 'segmented', role: 'group', 'aria-label': 'Time window' },
    windows.map((w) => h('button', {
      type: 'button',
      'aria-pressed': w === selected ? 'true' : 'false',
      onclick: () => navigate(`#/overview?window=${w}`),
    }, w)));
  replace(main,
    h('div', { class: 'page-head' }, h('h1', {}, 'Overview'), chooser),
    updated,
    totals,
    charts,
    details);

  const refresh = async (/** @type {boolean} */ quiet) => {
    const series = fetchSeries(api, selected, signal);
    series.catch(() => {}); // its failure is shown by the charts' own load below
    /** @type {any} */
    let summary = null;
    const ok = await load(totals, 'the figures', async () => (summary = await api.get(`/api/metrics/summary?window=${selected}`, signal)),
      (value) => totalsView(value), { quiet, signal });
    if (!ok) {
      return;
    }
    replace(details, ...detailsView(summary, selected));
    await load(charts, 'the charts', () => series, (points) => chartsView(summary, points, selected, signal), { quiet, signal });
    replace(updated, `Figures for the ${windowNames[selected]}, updated ${new Date().toLocaleTimeString('en-GB')}; they refresh every ${RefreshMs / 1000} s.`);
  };
  void refresh(false);
  every(() => refresh(true), RefreshMs, signal);
}

/**
 * Every charted series over the window, and the chart module (uPlot is loaded with the first chart, not before).
 * @param {import('../lib/api').Api} api
 * @param {string} window
 * @param {AbortSignal} signal
 */
async function fetchSeries(api, window, signal) {
  const series = [...mailSeries, ...latencySeries];
  const [chart, ...points] = await Promise.all([
    import('../lib/chart.js'),
    ...series.map((s) => api.get(`/api/metrics/timeseries?metric=${s.metric}&window=${window}`, signal)),
  ]);
  return { lineChart: chart.lineChart, series: Object.fromEntries(series.map((s, i) => [s.metric, points[i]])) };
}

/** @param {any} summary */
function totalsView(summary) {
  return h('ul', { class: 'tiles', 'aria-label': 'Totals' }, [
    ['Received', summary.received], ['Routed', summary.routed], ['Quarantined', summary.quarantined],
    ['Rejected', summary.rejected], ['Failed', summary.failed], ['Dead-lettered', summary.deadLettered], ['Sent', summary.sent],
  ].map(([label, value]) => h('li', { class: `tile${value > 0 && (label === 'Failed' || label === 'Dead-lettered') ? ' tile-bad' : ''}` },
    h('span', { class: 'tile-label' }, label), h('span', { class: 'tile-value', 'data-metric': String(label) }, count(value)))));
}

/**
 * @param {any} summary
 * @param {{ lineChart: typeof import('../lib/chart.js').lineChart, series: Record<string, { step: string, points: { at: string, value: number | null }[] }> }} loaded
 * @param {'1h' | '24h' | '7d'} window
 * @param {AbortSignal} pageSignal
 */
function chartsView(summary, { lineChart, series }, window, pageSignal) {
  // Each refresh replaces the charts: the old ones are destroyed with this controller.
  const charts = new AbortController();
  if (pageSignal.aborted) {
    charts.abort();
  }
  pageSignal.addEventListener('abort', () => charts.abort(), { once: true, signal: charts.signal });
  const previous = currentCharts;
  currentCharts = charts;
  previous?.abort();

  const first = series.received;
  const times = first.points.map((p) => Date.parse(p.at) / 1000);
  // Each series is its own request, whose window ends at its own "now": match the buckets by time, not by position,
  // so a refresh that crosses a step boundary cannot shift one line against the others.
  const aligned = (/** @type {string} */ metric) => {
    const byTime = new Map(series[metric].points.map((p) => [Date.parse(p.at) / 1000, p.value]));
    return times.map((t) => byTime.get(t) ?? null);
  };
  const per = stepNames[/** @type {keyof typeof stepNames} */ (first.step)] ?? first.step;
  const mailCaption = `Per ${per}, ${windowNames[window]}: ${mailSeries.map((s) => `${s.label.toLowerCase()} ${count(summary[s.metric])}`).join(', ')}.`;
  const mailChart = lineChart('Mail', mailCaption, times, mailSeries, mailSeries.map((s) => aligned(s.metric)), charts.signal);

  const latency = summary.latency;
  const latencyCaption = latency.samples > 0
    ? `Per ${per}, from ${count(latency.samples)} mails: p50 ${millis(latency.p50Ms)}, p95 ${millis(latency.p95Ms)}, p99 ${millis(latency.p99Ms)}.`
    : 'No mail was processed in this window.';
  const latencyChart = lineChart('Processing latency', latencyCaption, times, latencySeries.map((s) => ({ ...s, format: millis, points: true })),
    latencySeries.map((s) => aligned(s.metric)), charts.signal);
  return h('div', { class: 'charts' }, mailChart, latencyChart);
}

/**
 * @param {any} summary
 * @param {'1h' | '24h' | '7d'} window
 */
function detailsView(summary, window) {
  const latency = summary.latency;
  /** @type {[string, number][]} */
  const perApp = Object.entries(summary.routedPerApp ?? {});
  perApp.sort((a, b) => b[1] - a[1]);
  return [
    h('ul', { class: 'tiles tiles-small', 'aria-label': 'Processing latency' },
      [['p50', latency.p50Ms], ['p95', latency.p95Ms], ['p99', latency.p99Ms]].map(([label, value]) =>
        h('li', { class: 'tile' }, h('span', { class: 'tile-label' }, `Latency ${label}`), h('span', { class: 'tile-value' }, millis(/** @type {number | null} */ (value)))))),
    h('section', {}, h('h2', {}, 'Routed per app'),
      perApp.length === 0
        ? empty(`No mail was routed to an app in the ${windowNames[window]}.`)
        : table(`Mail routed per app, ${windowNames[window]}`, ['App', 'Routed', 'Share'], perApp.map(([app, n]) => [
          h('a', { href: `#/messages?app=${encodeURIComponent(app)}` }, app),
          count(n),
          // A bar per app (the API keeps per-app totals, not per-app series): how the routed mail splits between apps.
          h('meter', { class: 'app-share', min: 0, max: Math.max(1, summary.routed), value: n, 'aria-label': `${app}: ${count(n)} of ${count(summary.routed)} routed` }),
        ]))),
  ];
}

/** @type {AbortController | null} */
let currentCharts = null;
