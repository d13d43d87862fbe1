// @ts-check
// Time-series charts on uPlot (vendored: 42 KB gzipped, canvas, fast with thousands of points). A chart is an image to
// assistive technology; its figure caption states the same figures in words, so nothing is only in the picture.
import uPlot from '../vendor/uplot.js';
import { h } from './dom.js';

/**
 * @typedef {object} SeriesSpec
 * @property {string} label
 * @property {string} color
 * @property {(value: number | null) => string} [format]
 * @property {boolean} [points] draw each value as a dot too (sparse series: one value has no line)
 * @property {number[]} [dash] a dash pattern, so lines differ by more than their colour (WCAG 1.4.1)
 */

/**
 * A line chart that follows its container's width.
 * @param {string} title
 * @param {string} caption the figures in words
 * @param {number[]} times seconds since the epoch
 * @param {SeriesSpec[]} series
 * @param {(number | null)[][]} values one array per series, aligned with `times`
 * @param {AbortSignal} signal when aborted (the page is left) the chart is destroyed
 */
export function lineChart(title, caption, times, series, values, signal) {
  const plotArea = h('div', { class: 'chart-plot', role: 'img', 'aria-label': `${title}. ${caption}` });
  const figure = h('figure', { class: 'chart' }, h('figcaption', {}, h('strong', {}, title), ' ', h('span', { class: 'hint' }, caption)), plotArea);
  /** @type {uPlot.Options} */
  const options = {
    width: 600,
    height: 220,
    cursor: { drag: { x: false, y: false } },
    legend: { live: true },
    scales: { x: { time: true }, y: { range: (_u, min, max) => [Math.min(0, min), Math.max(1, max * 1.1)] } },
    axes: [{ stroke: '#4b5563', grid: { stroke: '#e5e7eb' } }, { stroke: '#4b5563', grid: { stroke: '#e5e7eb' } }],
    series: [
      {},
      ...series.map((spec) => ({
        label: spec.label,
        stroke: spec.color,
        width: 2,
        dash: spec.dash,
        spanGaps: false,
        points: { show: spec.points ?? false, size: 6 },
        value: spec.format ? (/** @type {uPlot} */ _u, /** @type {number | null} */ v) => /** @type {(value: number | null) => string} */ (spec.format)(v) : undefined,
      })),
    ],
  };
  // What is plotted, summed per series: the figures a reader (or a test) can hold against the caption.
  figure.dataset.totals = JSON.stringify(Object.fromEntries(series.map((spec, i) => [spec.label, values[i].reduce((sum, v) => (sum ?? 0) + (v ?? 0), 0)])));
  const plot = new uPlot(options, /** @type {uPlot.AlignedData} */ ([times, ...values]), plotArea);
  const resize = new ResizeObserver(() => {
    const width = Math.max(240, Math.floor(figure.clientWidth - 2));
    if (width !== plot.width) {
      plot.setSize({ width, height: 220 });
    }
  });
  resize.observe(figure);
  signal.addEventListener('abort', () => { resize.disconnect(); plot.destroy(); }, { once: true });
  return figure;
}
