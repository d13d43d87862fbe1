// @ts-check
// The banner on every page while something needs a person (issue 8): a dead-letter queue holding messages, or inbound
// mail paused or disabled. It reads the same endpoints the Queues and Operations pages do.
import { h, replace } from './dom.js';
import { count } from './format.js';
import { describe } from './view.js';

/**
 * Re-reads the banner. Its region is a polite live region, so it is replaced only when what it says changes (an
 * unchanged banner is not announced again every 15 s); a banner that cannot be read says since when it is unchecked.
 * @param {HTMLElement} region
 * @param {import('./api').Api} api
 * @param {AbortSignal} signal aborted at sign-out: a late answer must not paint the sign-in page
 */
export async function renderBanner(region, api, signal) {
  /** @type {HTMLElement[]} */
  const alerts = [];
  try {
    const [queues, inbound] = await Promise.all([api.get('/api/queues', signal), api.get('/api/inbound', signal)]);
    /** @type {{ name: string, visible: number, inFlight: number, delayed: number, kind: string }[]} */
    const dlqs = queues.queues.filter((/** @type {{ kind: string, visible: number, inFlight: number, delayed: number }} */ q) => q.kind === 'dead-letter' && depth(q) > 0);
    if (dlqs.length > 0) {
      alerts.push(h('div', { class: 'banner banner-danger' },
        h('strong', {}, dlqs.length === 1 ? 'A dead-letter queue holds messages: ' : `${dlqs.length} dead-letter queues hold messages: `),
        dlqs.flatMap((q, i) => [i > 0 ? ', ' : null, h('a', { href: `#/queues/${encodeURIComponent(q.name)}` }, `${q.name} (${count(depth(q))})`)]),
        '.'));
    }
    if (inbound.state !== 'enabled') {
      alerts.push(h('div', { class: 'banner banner-warning' },
        h('strong', {}, `Inbound mail is ${inbound.state}. `), inbound.consequence, ' ',
        h('a', { href: '#/operations' }, 'Operations')));
    }
  } catch (error) {
    if (signal.aborted) {
      return;
    }
    // The page's own loads show the failure with a retry; the banner keeps what it said and says it is unchecked.
    const stale = region.querySelector('.banner-stale') ?? h('div', { class: 'banner banner-stale' });
    stale.textContent = `Alerts could not be checked since ${new Date().toLocaleTimeString('en-GB')}: ${describe(error)}`;
    if (!stale.isConnected) {
      region.append(stale);
    }
    return;
  }
  if (signal.aborted) {
    return;
  }
  const now = alerts.map((alert) => alert.textContent).join('\n');
  const shown = [...region.children].filter((child) => !child.classList.contains('banner-stale')).map((child) => child.textContent).join('\n');
  if (now !== shown || region.querySelector('.banner-stale')) {
    replace(region, ...alerts);
  }
}

/**
 * Messages a queue holds in any state, as the Queues page counts them.
 * @param {{ visible: number, inFlight: number, delayed: number }} queue
 */
export function depth(queue) {
  return queue.visible + queue.inFlight + (queue.delayed ?? 0);
}
