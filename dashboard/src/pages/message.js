// @ts-check
// One mail (#/messages/ID): its summary and timeline (GET /api/messages/{id}), the raw MIME for admins and replay for
// operators. Actions a role may not take are not rendered at all; the API checks the role again on every call.
import { ApiError } from '../lib/api.js';
import { confirmAction } from '../lib/dialog.js';
import { h, replace } from '../lib/dom.js';
import { when } from '../lib/format.js';
import { may } from '../lib/session.js';
import { every } from '../lib/timer.js';
import { failure, load } from '../lib/view.js';

const FollowMs = 3000;
const FollowTicks = 10;

/**
 * @typedef {object} TimelineStep
 * @property {string} step
 * @property {string} event
 * @property {string} at
 * @property {string | null} app
 * @property {string | null} queue
 * @property {string | null} reasonCode
 * @property {string | null} detail
 * @property {string | null} actor
 * @typedef {{ summary: import('./messages.js').MessageSummary, timeline: TimelineStep[], addressesRedacted: boolean }} MessageView
 */

/** Says why addresses read j***@example.com: the API masks them for every role below admin (docs/api.md). */
export function redactionNotice() {
  return h('p', { class: 'state warning redaction' },
    'Addresses are redacted (such as j***@example.com): only admins see them in full, and only admins may search by address.');
}

/**
 * @param {HTMLElement} main
 * @param {import('../lib/types').PageContext} context
 * @param {string} id
 */
export function renderMessage(main, { api, session, query, signal }, id) {
  const path = `/api/messages/${encodeURIComponent(id)}`;
  const heading = h('h1', {}, 'Mail');
  const status = h('div');
  const content = h('div', { class: 'message' });
  // Filled by show(); a follow-up refresh replaces only these, so focus on a button is not lost while it runs.
  const details = h('div', {});
  const steps = h('div', {});
  const reload = () => load(content, 'the mail and its timeline', () => fetchMessage(api, path, signal), (view) => show(view));
  // A mail opened from a search carries that search (messages.js), so Back returns to the same results.
  const back = query.size > 0 ? `#/messages?${query}` : '#/messages';
  replace(main, h('p', {}, h('a', { href: back }, 'Back to messages')), heading, status, content);

  /** @param {MessageView | ApiError} view */
  const show = (view) => {
    if (view instanceof ApiError) {
      return failure(`Could not open mail ${id}`, view);
    }
    const { summary } = view;
    replace(heading, summary.subject || '(no subject)');
    // Only received mail has a stored raw MIME to download or replay; the API answers 404 for outbound mail.
    const inbound = summary.direction !== 'outbound';
    const actions = h('div', { class: 'actions' },
      inbound && may(session, 'admin') ? h('button', { type: 'button', onclick: () => void download() }, 'Download raw mail (.eml)') : null,
      inbound && may(session, 'operator') ? h('button', { type: 'button', class: 'primary', onclick: () => void replay() }, 'Replay') : null,
      h('button', { type: 'button', onclick: () => { replace(status); void reload(); } }, 'Refresh timeline'));
    fill(view);
    /** @type {Node[]} */
    const nodes = view.addressesRedacted ? [redactionNotice()] : [];
    nodes.push(actions, details, h('h2', { id: 'timeline-title' }, 'Timeline'), steps);
    return nodes;
  };

  /** @param {MessageView} view */
  const fill = ({ summary, timeline }) => {
    replace(details, h('dl', { class: 'message-summary' },
      pair('Mail id', h('code', {}, summary.mailId)),
      pair('Status', h('span', { class: `mail-status mail-status-${summary.status}` }, summary.status)),
      pair('Direction', summary.direction),
      pair('Apps', summary.apps.join(', ') || '–'),
      pair('From', summary.from ?? '–'),
      pair('To', summary.recipients.join(', ') || '–'),
      pair('First seen', when(summary.firstSeen)),
      pair('Last updated', when(summary.lastUpdated))));
    replace(steps, timeline.length === 0
      ? h('p', { class: 'state empty' }, 'The ledger holds no steps for this mail.')
      : h('ol', { class: 'timeline', 'aria-labelledby': 'timeline-title' }, timeline.map(step)));
  };

  const download = async () => {
    replace(status, h('p', { class: 'state loading', role: 'status' }, 'Downloading the raw mail…'));
    try {
      // The raw endpoint needs the bearer header, so a plain link cannot fetch it: save the bytes through a Blob URL.
      const response = await api.send(`${path}/raw`, { signal });
      const blob = await response.blob();
      const url = URL.createObjectURL(blob);
      const name = `${id.replace(/[^A-Za-z0-9._-]/g, '_')}.eml`;
      const link = h('a', { href: url, download: name, hidden: true });
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
      replace(status, h('p', { class: 'state success', role: 'status' }, `Saved ${name} (${blob.size} bytes). The download is recorded in the audit trail.`));
    } catch (error) {
      replace(status, failure('Could not download the raw mail', error, () => download()));
    }
  };

  const replay = async () => {
    const confirmed = await confirmAction({
      title: 'Replay this mail?',
      consequence: [
        'The inbound pipeline runs again on the stored raw mail: it is parsed and routed with the current configuration, and each app it routes to gets its envelope on its queue again.',
        'The envelope ids stay the same, so an app that de-duplicates by envelope id will see a copy of a mail it may already have processed.',
      ],
      confirmLabel: 'Replay mail',
    });
    if (!confirmed) {
      return;
    }
    replace(status, h('p', { class: 'state loading', role: 'status' }, 'Replaying…'));
    try {
      /** @type {{ mailId: string, queue: string }} */
      const accepted = await api.post(`${path}/replay`);
      const done = h('p', { class: 'state success', role: 'status', tabindex: -1 },
        `Replay queued on ${accepted.queue}. The timeline shows the replayed step and follows the pipeline's new steps for ${FollowTicks * FollowMs / 1000} s.`);
      replace(status, done);
      if (await reload()) {
        // The replay button was redrawn with the page: keep keyboard focus on the outcome rather than on <body>.
        done.focus();
        follow();
      }
    } catch (error) {
      replace(status, failure('Could not replay the mail', error, () => replay()));
    }
  };

  /** The worker takes the replayed notification asynchronously: re-read the timeline a few times so its steps appear. */
  const follow = () => {
    const following = new AbortController();
    signal.addEventListener('abort', () => following.abort(), { once: true });
    let ticks = 0;
    every(async () => {
      ticks += 1;
      if (ticks >= FollowTicks) {
        following.abort();
      }
      try {
        const view = await fetchMessage(api, path, signal);
        if (!(view instanceof ApiError)) {
          fill(view);
        }
      } catch {
        // A missed follow-up is harmless: the next one, or Refresh timeline, reads it again.
      }
    }, FollowMs, following.signal);
  };

  void reload();
}

/**
 * @param {import('../lib/api').Api} api
 * @param {string} path
 * @param {AbortSignal} signal
 * @returns {Promise<MessageView | ApiError>}
 */
async function fetchMessage(api, path, signal) {
  try {
    return await api.get(path, signal);
  } catch (error) {
    // 404 (no such mail) will not change with a retry; other failures throw and load() offers Retry.
    if (error instanceof ApiError && error.status === 404) {
      return error;
    }
    throw error;
  }
}

/** @param {string} term @param {string | Node} value */
function pair(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

/** @param {TimelineStep} item */
function step(item) {
  const facts = /** @type {[string, string | null][]} */ ([
    ['App', item.app], ['Queue', item.queue], ['Reason', item.reasonCode], ['Actor', item.actor],
  ]).filter(([, value]) => value);
  return h('li', { class: `step step-${item.step}` },
    h('div', { class: 'step-head' },
      h('strong', { class: 'step-name' }, item.step),
      h('time', { datetime: item.at, title: item.at }, when(item.at))),
    item.detail ? h('p', { class: 'step-detail' }, item.detail) : null,
    facts.length > 0 ? h('dl', { class: 'step-facts' }, facts.map(([term, value]) => pair(term, value ?? ''))) : null);
}
