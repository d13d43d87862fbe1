// @ts-check
// Messages: search the ledger by app, status, time range and text (GET /api/messages), newest first, with "Load more"
// following the API's keyset cursor. The filters live in the hash query (#/messages?app=invoices) so a search can be
// linked; #/messages/ID opens one mail's summary and timeline (message.js).
import { ApiError } from '../lib/api.js';
import { field, h, replace, table } from '../lib/dom.js';
import { when } from '../lib/format.js';
import { may } from '../lib/session.js';
import { empty, failure, load } from '../lib/view.js';
import { redactionNotice, renderMessage } from './message.js';

/** MessageStatus.All in src/Mailflow.Core/Operations/MessageStatus.cs: the API answers 400 for any other. */
const statuses = ['received', 'routed', 'quarantined', 'rejected', 'failed', 'sent', 'duplicate', 'suppressed', 'delayed', 'dead-lettered'];
const filterNames = /** @type {const} */ (['app', 'status', 'since', 'until', 'q']);
const PageSize = 50;

/**
 * @typedef {object} MessageSummary
 * @property {string} mailId
 * @property {string} direction
 * @property {string} firstSeen
 * @property {string} lastUpdated
 * @property {string} status
 * @property {string[]} apps
 * @property {string | null} from
 * @property {string[]} recipients
 * @property {string | null} subject
 * @typedef {{ items: MessageSummary[], nextCursor: string | null, addressesRedacted: boolean }} MessagesPage
 */

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
export function render(main, context) {
  if (context.params.length > 0) {
    return renderMessage(main, context, context.params[0]);
  }
  return renderSearch(main, context);
}

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
function renderSearch(main, { api, session, query, signal, navigate }) {
  const admin = may(session, 'admin');
  const apps = h('datalist', { id: 'message-apps' });
  const app = h('input', { type: 'text', name: 'app', list: 'message-apps', autocomplete: 'off', value: query.get('app') ?? '' });
  const status = h('select', { name: 'status' },
    h('option', { value: '' }, 'Any status'),
    statuses.map((s) => h('option', { value: s, selected: s === query.get('status') }, s)));
  const since = h('input', { type: 'datetime-local', name: 'since', value: toLocalInput(query.get('since')) });
  const until = h('input', { type: 'datetime-local', name: 'until', value: toLocalInput(query.get('until')) });
  const text = h('input', { type: 'search', name: 'q', autocomplete: 'off', value: query.get('q') ?? '' });
  const formError = h('div');
  const form = h('form', { class: 'filters message-filters', role: 'search', 'aria-label': 'Search messages' },
    field('App', app),
    field('Status', status),
    field('Since', since),
    field('Until', until),
    field('Text', text, admin ? 'Part of the mail id, sender, a recipient or the subject.' : 'Part of the mail id or the subject (searching by address needs the admin role).'),
    h('div', { class: 'actions' },
      h('button', { type: 'submit', class: 'primary' }, 'Search'),
      h('button', { type: 'button', onclick: () => navigate('#/messages') }, 'Clear')),
    apps);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = new URLSearchParams();
    const values = { app: app.value.trim(), status: status.value, since: fromLocalInput(since.value), until: fromLocalInput(until.value), q: text.value.trim() };
    if (values.since && values.until && values.since > values.until) {
      replace(formError, h('p', { class: 'state error', role: 'alert' }, 'Until is before Since: no mail can match. Choose an Until after the Since.'));
      return;
    }
    replace(formError);
    for (const name of filterNames) {
      if (values[name]) {
        chosen.set(name, values[name]);
      }
    }
    const search = chosen.toString();
    navigate(search ? `#/messages?${search}` : '#/messages');
  });

  const results = h('div', { class: 'message-results' });
  replace(main, h('h1', {}, 'Messages'), form, formError, results);

  // The app names only help typing: without them the field still works, so a failure here stays quiet.
  api.get('/api/config', signal).then((/** @type {{ apps?: { name: string }[] }} */ config) => {
    replace(apps, (config.apps ?? []).map((a) => h('option', { value: a.name })));
  }, () => {});

  const filters = new URLSearchParams();
  for (const name of filterNames) {
    const value = query.get(name);
    if (value) {
      filters.set(name, value);
    }
  }
  void load(results, 'the messages', () => search(api, filters, null, signal), (page) => view(page, filters, api, signal));
}

/**
 * One page of results. A 4xx other than 401 (a bad time in a linked search, a viewer searching by address) is the
 * caller's to fix, so it is returned and shown without Retry; anything else throws and load() offers Retry.
 * @param {import('../lib/api').Api} api
 * @param {URLSearchParams} filters
 * @param {string | null} cursor
 * @param {AbortSignal} signal
 * @returns {Promise<MessagesPage | ApiError>}
 */
async function search(api, filters, cursor, signal) {
  const params = new URLSearchParams(filters);
  params.set('limit', String(PageSize));
  if (cursor) {
    params.set('cursor', cursor);
  }
  try {
    return await api.get(`/api/messages?${params}`, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 401) {
      return error;
    }
    throw error;
  }
}

/**
 * @param {MessagesPage | ApiError} page
 * @param {URLSearchParams} filters
 * @param {import('../lib/api').Api} api
 * @param {AbortSignal} signal
 * @returns {Node[]}
 */
function view(page, filters, api, signal) {
  if (page instanceof ApiError) {
    return [failure('The search was refused', page)];
  }
  if (page.items.length === 0) {
    return [filters.size > 0
      ? empty('No mail matches this search.', 'Widen the time range, choose another status or clear the filters.')
      : empty('The ledger holds no mail yet.', 'Mail appears here as soon as Mailflow receives or sends it.')];
  }
  const results = table('Mail, newest first', ['Subject', 'Status', 'Apps', 'From', 'To', 'First seen', 'Direction'], page.items.map((item) => row(item, filters)));
  const body = /** @type {HTMLTableSectionElement} */ (results.querySelector('tbody'));
  const shown = h('p', { class: 'hint', 'aria-live': 'polite' });
  const more = h('div', { class: 'actions' });
  let count = page.items.length;
  /** @param {string | null} cursor */
  const showMore = (cursor) => {
    const mails = `${count} ${count === 1 ? 'mail' : 'mails'} shown`;
    replace(shown, cursor ? `${mails}; there are more.` : `${mails}: all that match.`);
    replace(more, cursor ? h('button', { type: 'button', onclick: () => void loadMore(cursor) }, 'Load more') : null);
  };
  /** @param {string} cursor */
  const loadMore = async (cursor) => {
    replace(more, h('p', { class: 'state loading', role: 'status' }, 'Loading more messages…'));
    try {
      const next = await search(api, filters, cursor, signal);
      if (next instanceof ApiError) {
        throw next;
      }
      for (const item of next.items) {
        const cells = row(item, filters);
        body.append(h('tr', {}, cells.map((cell) => h('td', {}, cell))));
      }
      count += next.items.length;
      showMore(next.nextCursor);
    } catch (error) {
      if (!signal.aborted) {
        replace(more, failure('Could not load more messages', error, () => loadMore(cursor)));
      }
    }
  };
  showMore(page.nextCursor);
  return page.addressesRedacted ? [redactionNotice(), results, shown, more] : [results, shown, more];
}

/**
 * A result's cells. Its link carries the search along, so the mail's page can lead back to the same results.
 * @param {MessageSummary} item
 * @param {URLSearchParams} filters
 */
function row(item, filters) {
  const search = filters.size > 0 ? `?${filters}` : '';
  return [
    h('a', { href: `#/messages/${encodeURIComponent(item.mailId)}${search}` }, item.subject || '(no subject)'),
    h('span', { class: `mail-status mail-status-${item.status}` }, item.status),
    item.apps.join(', ') || '–',
    item.from ?? '–',
    item.recipients.join(', ') || '–',
    h('time', { datetime: item.firstSeen, title: item.firstSeen }, when(item.firstSeen)),
    item.direction,
  ];
}

/**
 * An ISO time from the hash as a datetime-local value in the viewer's zone ("" when absent or not a time).
 * @param {string | null} iso
 */
function toLocalInput(iso) {
  const date = iso ? new Date(iso) : null;
  if (!date || Number.isNaN(date.getTime())) {
    return '';
  }
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60000);
  return local.toISOString().slice(0, 16);
}

/**
 * A datetime-local value (the viewer's zone) as the ISO 8601 UTC time the API wants, or "".
 * @param {string} value
 */
function fromLocalInput(value) {
  const date = value ? new Date(value) : null;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : '';
}
