// @ts-check
// Designed states for everything loaded from the API (issue 8): "Loading…" while waiting, the failure in words with a
// Retry button when it fails, and each page's own empty state when there is nothing to show.
import { ApiError, isAbort } from './api.js';
import { h, replace } from './dom.js';

/**
 * Loads into `region`: shows a loading line, then `render`'s output, or an error with Retry.
 * Returns whether it rendered. `quiet` keeps the current content while reloading (auto-refresh).
 * @template T
 * @param {HTMLElement} region
 * @param {string} what what is being loaded, for the messages ("queues", "the timeline")
 * @param {() => Promise<T>} fetch
 * @param {(value: T) => Node | Node[]} render
 * @param {{ quiet?: boolean, signal?: AbortSignal }} [options] `signal`: once aborted (the page was left), an answer is not rendered
 * @returns {Promise<boolean>}
 */
export async function load(region, what, fetch, render, options = {}) {
  if (!options.quiet || region.childElementCount === 0) {
    region.setAttribute('aria-busy', 'true');
    replace(region, h('p', { class: 'state loading', role: 'status' }, `Loading ${what}…`));
  }
  try {
    const value = await fetch();
    if (options.signal?.aborted) {
      return false;
    }
    const content = render(value);
    replace(region, ...(Array.isArray(content) ? content : [content]));
    return true;
  } catch (error) {
    if (isAbort(error)) {
      return false;
    }
    replace(region, failure(`Could not load ${what}`, error, () => load(region, what, fetch, render)));
    return false;
  } finally {
    region.removeAttribute('aria-busy');
  }
}

/**
 * An alert that says what failed and why, with a Retry button when something can be retried.
 * @param {string} title
 * @param {unknown} error
 * @param {(() => unknown) | null} [retry]
 */
export function failure(title, error, retry) {
  return h('div', { class: 'state error', role: 'alert' },
    h('p', {}, h('strong', {}, `${title}. `), describe(error)),
    retry ? h('button', { type: 'button', onclick: () => retry() }, 'Retry') : null);
}

/**
 * @param {string} text
 * @param {string} [hint]
 */
export function empty(text, hint) {
  return h('div', { class: 'state empty' }, h('p', {}, text), hint ? h('p', { class: 'hint' }, hint) : null);
}

/**
 * The failure in words: the API's message and its status and code, which is what someone on call searches for.
 * @param {unknown} error
 */
export function describe(error) {
  if (error instanceof ApiError) {
    return error.status === 0 ? error.message : `${error.message} (${error.status} ${error.code})`;
  }
  return error instanceof Error ? error.message : String(error);
}
