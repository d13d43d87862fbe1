// @ts-check
// The banner on every page while something needs a person (issue 8): a dead-letter queue holding messages, or inbound
// mail paused or disabled. It reads the same endpoints the Queues and Operations pages do.
import { h, replace } from './dom.js';
import { count } from './format.js';

/**
 * @param {HTMLElement} region
 * @param {import('./api').Api} api
 * @param {import('./session').Session} _session
 */
export async function renderBanner(region, api, _session) {
  /** @type {HTMLElement[]} */
  const alerts = [];
  try {
    const [queues, inbound] = await Promise.all([api.get('/api/queues'), api.get('/api/inbound')]);
    /** @type {{ name: string, visible: number, inFlight: number, kind: string }[]} */
    const dlqs = queues.queues.filter((/** @type {{ kind: string, visible: number, inFlight: number }} */ q) => q.kind === 'dead-letter' && q.visible + q.inFlight > 0);
    if (dlqs.length > 0) {
      alerts.push(h('div', { class: 'banner banner-danger' },
        h('strong', {}, dlqs.length === 1 ? 'A dead-letter queue holds messages: ' : `${dlqs.length} dead-letter queues hold messages: `),
        dlqs.flatMap((q, i) => [i > 0 ? ', ' : null, h('a', { href: `#/queues/${encodeURIComponent(q.name)}` }, `${q.name} (${count(q.visible + q.inFlight)})`)]),
        '.'));
    }
    if (inbound.state !== 'enabled') {
      alerts.push(h('div', { class: 'banner banner-warning' },
        h('strong', {}, `Inbound mail is ${inbound.state}. `), inbound.consequence, ' ',
        h('a', { href: '#/operations' }, 'Operations')));
    }
  } catch {
    // The page's own loads show the failure with a retry; a banner that cannot be read stays as it was.
    return;
  }
  replace(region, ...alerts);
}
