// @ts-check
import { h, replace } from '../lib/dom.js';

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} _context */
export function render(main, _context) {
  replace(main, h('h1', {}, 'Test'), h('p', {}, 'This page is not written yet.'));
}
