// Builds dist/ from src/: the sources are served as they are (ES modules, no bundler), uPlot is vendored from
// node_modules (no CDN at run time: the dashboard's CSP allows 'self' only), and the JavaScript budget is enforced.
// Usage: node build.mjs [--out DIR]
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = dirname(fileURLToPath(import.meta.url));
const outFlag = process.argv.indexOf('--out');
const out = outFlag > 0 ? process.argv[outFlag + 1] : join(root, 'dist');
// Issue 8: all JavaScript together under 150 KB gzipped.
const budgetBytes = 150 * 1024;

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
// Type declarations exist for tsc only; the browser never asks for them.
cpSync(join(root, 'src'), out, { recursive: true, filter: (source) => !source.endsWith('.d.ts') });
const uplot = join(root, 'node_modules', 'uplot', 'dist');
mkdirSync(join(out, 'vendor'), { recursive: true });
cpSync(join(uplot, 'uPlot.esm.js'), join(out, 'vendor', 'uplot.js'));
cpSync(join(uplot, 'uPlot.min.css'), join(out, 'vendor', 'uplot.css'));
cpSync(join(root, 'node_modules', 'uplot', 'LICENSE'), join(out, 'vendor', 'uplot.LICENSE.txt'));

/** @param {string} dir @returns {string[]} */
const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});
const scripts = files(out).filter((path) => path.endsWith('.js'));
const sizes = scripts.map((path) => ({ path: relative(out, path), raw: statSync(path).size, gzip: gzipSync(readFileSync(path), { level: 9 }).length }));
const total = sizes.reduce((sum, file) => sum + file.gzip, 0);
const report = { files: sizes.sort((a, b) => b.gzip - a.gzip), totalGzipBytes: total, budgetGzipBytes: budgetBytes };
writeFileSync(join(out, 'size-report.json'), JSON.stringify(report, null, 2) + '\n');
console.log(`dashboard: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KB gzipped (budget ${budgetBytes / 1024} KB) -> ${relative(process.cwd(), out) || '.'}`);
if (total > budgetBytes) {
  console.error(`dashboard: JavaScript is ${(total / 1024).toFixed(1)} KB gzipped, over the ${budgetBytes / 1024} KB budget of issue 8.`);
  process.exit(1);
}
