// The page imports ./vendor/uplot.js, which build.mjs copies from node_modules/uplot; tsc reads uPlot's own types.
import uPlot from 'uplot';
export default uPlot;
