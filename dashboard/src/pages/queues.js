// @ts-check
// Queues: every queue's depths with its dead-letter queue beside it (#/queues), and one queue's messages (#/queues/NAME)
// read without receiving them: LESSONS.md, a "peek" built on ReceiveMessage pushed mail to the DLQ after three looks.
// Operators redrive a DLQ with live progress; admins purge after typing the queue's name (issue 8).
import { isAbort } from '../lib/api.js';
import { depth } from '../lib/banner.js';
import { confirmAction } from '../lib/dialog.js';
import { append, field, h, replace, uniqueId } from '../lib/dom.js';
import { age, count, when } from '../lib/format.js';
import { may } from '../lib/session.js';
import { every } from '../lib/timer.js';
import { empty, failure, load } from '../lib/view.js';

/**
 * GET /api/queues (src/Mailflow.Core/Operations/QueueOverview.cs).
 * @typedef {{ name: string, kind: string, app: string | null, visible: number, inFlight: number, delayed: number,
 *   oldestAgeSeconds: number | null, deadLetterQueue: string | null, deadLetterDepth: number | null }} Queue
 * @typedef {{ messageId: string, body: string, attributes: Record<string, string | null>, receiveCount: number, sentAt: string }} BrowsedMessage
 * @typedef {{ queue: string, source: string, messages: BrowsedMessage[], note: string | null }} Browse
 * @typedef {{ taskId: string, deadLetterQueue: string, status: string, moved: number, toMove: number | null,
 *   maxMessagesPerSecond: number, startedAt: string, failure: string | null }} Redrive
 */

const RefreshMs = 15000;
const PollMs = 1000;
/** SQS's message move task accepts 1–500 messages a second (API_StartMessageMoveTask, MaxNumberOfMessagesPerSecond). */
const MaxRate = 500;
const DefaultRate = 50;

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
export function render(main, context) {
  if (context.params[0]) {
    renderQueue(main, context, context.params[0]);
  } else {
    renderList(main, context);
  }
}

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
function renderList(main, { api, signal }) {
  const updated = h('p', { class: 'hint' });
  const content = h('div', {});
  replace(main, h('h1', {}, 'Queues'), updated, content);
  const refresh = async (/** @type {boolean} */ quiet) => {
    if (quiet && content.contains(document.activeElement)) {
      return; // Replacing the table would throw away the keyboard focus on one of its links; the next tick tries again.
    }
    const ok = await load(content, 'the queues', () => api.get('/api/queues', signal), (view) => queueTable(view.queues), { quiet });
    if (ok) {
      replace(updated, `Depths updated ${new Date().toLocaleTimeString('en-GB')}; they refresh every ${RefreshMs / 1000} s. Each queue is followed by its dead-letter queue.`);
    }
  };
  void refresh(false);
  every(() => refresh(true), RefreshMs, signal);
}

/** "1 message", "2 messages". @param {number} n */
const messages = (n) => `${count(n)} ${n === 1 ? 'message' : 'messages'}`;

/** @param {Queue[]} queues */
function queueTable(queues) {
  if (queues.length === 0) {
    return empty('Mailflow has no queues.', 'Each app in the configuration gets a queue and a dead-letter queue.');
  }
  const dlqs = new Set(queues.filter((q) => q.kind === 'dead-letter').map((q) => q.name));
  const primaries = queues.filter((q) => !dlqs.has(q.name));
  const paired = new Set(primaries.map((q) => q.deadLetterQueue));
  /** @type {Queue[][]} */
  const groups = [
    ...primaries.map((q) => [q, ...queues.filter((d) => d.name === q.deadLetterQueue)]),
    ...queues.filter((q) => dlqs.has(q.name) && !paired.has(q.name)).map((q) => [q]),
  ];
  const headings = ['Queue', 'Kind', 'Visible', 'In flight', 'Delayed', 'Oldest'];
  return h('div', { class: 'table-scroll', tabindex: 0, role: 'region', 'aria-label': 'Queues' },
    h('table', { class: 'queues' },
      h('caption', {}, 'Queues and their dead-letter queues'),
      h('thead', {}, h('tr', {}, headings.map((text, i) => h('th', { scope: 'col', class: i >= 2 ? 'num' : null }, text)))),
      groups.map((group) => h('tbody', {}, group.map(queueRow)))));
}

/** @param {Queue} queue */
function queueRow(queue) {
  const dlq = queue.kind === 'dead-letter';
  const holding = dlq && depth(queue) > 0;
  return h('tr', { class: dlq ? `queue-dlq${holding ? ' queue-dlq-holding' : ''}` : null },
    h('th', { scope: 'row' }, h('a', { href: `#/queues/${encodeURIComponent(queue.name)}` }, queue.name),
      holding ? h('span', { class: 'queue-badge' }, ` ${count(depth(queue))} dead ${depth(queue) === 1 ? 'letter' : 'letters'}`) : null),
    h('td', {}, kindOf(queue)),
    [queue.visible, queue.inFlight, queue.delayed].map((n) => h('td', { class: 'num' }, count(n))),
    h('td', { class: 'num' }, age(queue.oldestAgeSeconds)));
}

/** @param {Queue} queue */
function kindOf(queue) {
  return queue.kind === 'dead-letter' ? 'dead letters' : queue.kind === 'app' ? `app ${queue.app}` : queue.kind;
}

/**
 * One queue: its depths, the actions the caller's role may take, and its messages.
 * @param {HTMLElement} main
 * @param {import('../lib/types').PageContext} context
 * @param {string} name
 */
function renderQueue(main, context, name) {
  const { api, signal } = context;
  const path = `/api/queues/${encodeURIComponent(name)}`;
  const facts = h('div', {});
  const outcome = h('div', { class: 'queue-outcome' });
  const list = h('div', {});
  const section = h('section', { 'aria-labelledby': 'queue-messages' });
  const max = h('select', { name: 'max' }, [10, 25, 50, 100].map((n) => h('option', { value: n }, `${n} messages`)));
  const reloadMessages = () => load(list, `the messages of ${name}`, () => api.get(`${path}/messages?max=${max.value}`, signal), browseView);
  /** @type {() => Promise<boolean>} */
  const reloadFacts = () => load(facts, `the depths of ${name}`, () => api.get('/api/queues', signal),
    (view) => queueFacts(/** @type {Queue[]} */ (view.queues), name, { ...context, outcome, path, reload, section }));
  /** @type {() => Promise<unknown>} */
  const reload = () => Promise.all([reloadFacts(), reloadMessages()]);
  max.addEventListener('change', () => void reloadMessages());
  replace(main,
    h('p', { class: 'queue-back' }, h('a', { href: '#/queues' }, 'All queues')),
    h('h1', { class: 'queue-name' }, name),
    facts,
    outcome,
    section);
  append(section, [
    h('h2', { id: 'queue-messages' }, 'Messages'),
    h('div', { class: 'filters' }, field('Show up to', max),
      h('div', { class: 'field' }, h('button', { type: 'button', onclick: () => void reloadMessages() }, 'Refresh messages'))),
    list]);
  void reload();
}

/**
 * @typedef {import('../lib/types').PageContext & { outcome: HTMLElement, path: string, reload: () => Promise<unknown>, section: HTMLElement }} QueueContext
 */

/**
 * @param {Queue[]} queues
 * @param {string} name
 * @param {QueueContext} context
 */
function queueFacts(queues, name, context) {
  const queue = queues.find((q) => q.name === name);
  context.section.hidden = !queue;
  if (!queue) {
    return empty(`There is no Mailflow queue named ${name}.`, 'The list of all queues links to each one.');
  }
  const source = queues.find((q) => q.deadLetterQueue === name) ?? null;
  /** @type {[string, Node | string][]} */
  const rows = [
    ['Kind', kindOf(queue)],
    ['Visible', count(queue.visible)],
    ['In flight', count(queue.inFlight)],
    ['Delayed', count(queue.delayed)],
    ['Oldest', age(queue.oldestAgeSeconds)],
  ];
  if (queue.deadLetterQueue) {
    rows.push(['Dead-letter queue', h('span', {}, h('a', { href: `#/queues/${encodeURIComponent(queue.deadLetterQueue)}` }, queue.deadLetterQueue),
      ` (${count(queue.deadLetterDepth)})`)]);
  }
  if (source) {
    rows.push(['Dead letters of', h('a', { href: `#/queues/${encodeURIComponent(source.name)}` }, source.name)]);
  }
  const actions = h('div', { class: 'actions queue-actions' },
    source && may(context.session, 'operator') && depth(queue) > 0 ? redriveForm(queue, source, context) : null,
    may(context.session, 'admin') && depth(queue) > 0 ? purgeButton(queue, context) : null);
  const list = h('dl', { class: 'queue-facts' }, rows.map(([term, value]) => h('div', {}, h('dt', {}, term), h('dd', {}, value))));
  return actions.childElementCount > 0 ? [list, actions] : list;
}

/**
 * Moves a DLQ's messages back to the queue they came from, then follows the move task until it ends.
 * @param {Queue} queue
 * @param {Queue} source
 * @param {QueueContext} context
 */
function redriveForm(queue, source, { api, signal, outcome, path, reload, refreshBanner }) {
  const rate = h('input', { type: 'number', name: 'rate', min: 1, max: MaxRate, step: 1, value: DefaultRate, inputmode: 'numeric', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, `Redrive to ${source.name}`);
  // novalidate: the page says what is wrong in its own alert, which stays, rather than the browser's passing bubble.
  const form = h('form', { class: 'queue-redrive', novalidate: true }, field(`Messages per second (1 to ${MaxRate})`, rate), submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const perSecond = Number(rate.value);
    if (!Number.isInteger(perSecond) || perSecond < 1 || perSecond > MaxRate) {
      rate.setAttribute('aria-invalid', 'true');
      replace(outcome, failure('Cannot redrive', new Error(`The rate must be a whole number of messages per second from 1 to ${MaxRate}.`)));
      rate.focus();
      return;
    }
    rate.removeAttribute('aria-invalid');
    const confirmed = await confirmAction({
      title: `Redrive ${queue.name}?`,
      consequence: [
        `Moves the ${messages(depth(queue))} of ${queue.name} back to ${source.name}, at most ${perSecond} a second.`,
        `${source.app ? `The ${source.app} app` : 'Mailflow'} receives them again as if they had just arrived; those that fail again come back here.`,
      ],
      confirmLabel: `Redrive to ${source.name}`,
    });
    if (!confirmed) {
      return;
    }
    submit.disabled = true;
    try {
      /** @type {Redrive} */
      const started = await api.post(`${path}/redrive`, { maxMessagesPerSecond: perSecond });
      const bar = progressView(queue.name, source.name);
      replace(outcome, bar.node);
      bar.show(started);
      await follow(api, `${path}/redrive/${encodeURIComponent(started.taskId)}`, started, bar.show, signal);
      refreshBanner();
      await reload();
    } catch (error) {
      if (!isAbort(error)) {
        replace(outcome, failure(`Could not redrive ${queue.name}`, error));
      }
    } finally {
      submit.disabled = false;
      focusOutcome(outcome);
    }
  });
  return form;
}

/**
 * Polls a redrive task every second until it is no longer RUNNING (or the page is left).
 * @param {import('../lib/api').Api} api
 * @param {string} url
 * @param {Redrive} task
 * @param {(task: Redrive) => void} show
 * @param {AbortSignal} pageSignal
 * @returns {Promise<void>}
 */
function follow(api, url, task, show, pageSignal) {
  if (task.status !== 'RUNNING') {
    return Promise.resolve();
  }
  return new Promise((resolve, reject) => {
    const polling = new AbortController();
    pageSignal.addEventListener('abort', () => polling.abort(), { once: true });
    every(async () => {
      try {
        /** @type {Redrive} */
        const now = await api.get(url, polling.signal);
        show(now);
        if (now.status !== 'RUNNING') {
          polling.abort();
          resolve();
        }
      } catch (error) {
        polling.abort();
        reject(error);
      }
    }, PollMs, polling.signal);
  });
}

/**
 * A labelled <progress> and a sentence that says where the redrive is; the sentence is the live region.
 * @param {string} dlq
 * @param {string} source
 */
function progressView(dlq, source) {
  const id = uniqueId('redrive');
  const bar = h('progress', { id, max: 1 });
  const text = h('p', { role: 'status' });
  const node = h('div', { class: 'state queue-progress' }, h('label', { for: id }, `Redrive of ${dlq} to ${source}`), bar, text);
  let announced = '';
  /** @param {Redrive} task */
  const show = (task) => {
    if (task.toMove === null && task.status === 'RUNNING') {
      // An unknown total (SQS may not say): an indeterminate bar, not a full one.
      bar.removeAttribute('value');
    } else {
      const total = task.toMove ?? task.moved;
      bar.max = Math.max(total, 1);
      bar.value = total === 0 ? 1 : task.moved;
    }
    const moved = `Moved ${count(task.moved)} of ${task.toMove === null ? 'an unknown number of messages' : messages(task.toMove)}`;
    node.classList.toggle('success', task.status === 'COMPLETED');
    node.classList.toggle('error', task.status === 'FAILED' || task.status === 'CANCELLED');
    // The sentence is a live region: rewritten only when the status changes or another tenth has moved, so a screen
    // reader is not told the count every second.
    const tenth = task.toMove ? Math.floor((10 * task.moved) / task.toMove) : 0;
    const key = `${task.status}:${tenth}`;
    if (key === announced) {
      return;
    }
    announced = key;
    replace(text, task.status === 'RUNNING' ? `${moved}…`
      : task.status === 'COMPLETED' ? `Redrive completed. ${moved}.`
        : `Redrive ${task.status.toLowerCase()}. ${moved}.${task.failure ? ` ${task.failure}` : ''}`);
  };
  return { node, show };
}

/**
 * Purge: admin only, and only after the dialog's typed confirmation; the API checks the same name again.
 * @param {Queue} queue
 * @param {QueueContext} context
 */
function purgeButton(queue, { api, outcome, path, reload, refreshBanner }) {
  const button = h('button', { type: 'button', class: 'danger' }, `Purge ${queue.name}`);
  button.addEventListener('click', async () => {
    const confirmed = await confirmAction({
      title: `Purge ${queue.name}?`,
      consequence: [
        `Deletes every message in ${queue.name} (${count(depth(queue))} now), including those in flight. This cannot be undone.`,
      ],
      confirmLabel: `Purge ${queue.name}`,
      danger: true,
      typeToConfirm: queue.name,
    });
    if (!confirmed) {
      return;
    }
    button.disabled = true;
    try {
      /** @type {{ queue: string, deleted: number | null }} */
      const purged = await api.post(`${path}/purge`, { confirm: queue.name });
      replace(outcome, h('p', { class: 'state success', role: 'status' }, purged.deleted === null
        ? `Purged ${queue.name}. SQS does not say how many messages it deleted.`
        : `Purged ${queue.name}: ${messages(purged.deleted)} deleted.`));
      refreshBanner();
      await reload();
    } catch (error) {
      replace(outcome, failure(`Could not purge ${queue.name}`, error));
      button.disabled = false;
    }
    focusOutcome(outcome);
  });
  return button;
}

/**
 * After an action the button that started it is disabled or gone (the facts reload): focus moves to what happened,
 * so keyboard and screen-reader users land on the outcome rather than on the page's body.
 * @param {HTMLElement} outcome
 */
function focusOutcome(outcome) {
  const said = outcome.firstElementChild;
  if (said instanceof HTMLElement && said.isConnected) {
    said.setAttribute('tabindex', '-1');
    said.focus();
  }
}

/** @param {Browse} browse */
function browseView(browse) {
  // The API's note says how this look differs from a plain one (on AWS a DLQ read counts a receive; elsewhere the
  // ledger stands in for the queue), so the page states the source and passes the note on rather than promising more.
  const how = browse.source === 'queue'
    ? 'Read from the queue itself.'
    : browse.source === 'ledger' ? 'Read from the ledger, not from the queue.' : `Read from: ${browse.source}.`;
  return [
    h('p', { class: 'hint queue-source' }, how, browse.note ? ` ${browse.note}` : null),
    browse.messages.length === 0
      ? empty(`${browse.queue} holds no messages.`, 'Messages appear here until a consumer receives and deletes them.')
      : h('ol', { class: 'queue-messages' }, browse.messages.map(messageView)),
  ];
}

/** @param {BrowsedMessage} message */
function messageView(message) {
  const attributes = Object.entries(message.attributes);
  return h('li', { class: 'card queue-message' },
    h('h3', { class: 'mono' }, message.messageId),
    h('dl', { class: 'queue-facts' },
      h('div', {}, h('dt', {}, 'Sent'), h('dd', {}, when(message.sentAt))),
      h('div', {}, h('dt', {}, 'Receive count'), h('dd', { class: 'receive-count' }, count(message.receiveCount)))),
    attributes.length > 0
      ? h('dl', { class: 'queue-attributes', 'aria-label': 'Attributes' }, attributes.map(([key, value]) =>
        h('div', {}, h('dt', { class: 'mono' }, key), h('dd', { class: 'mono' }, value ?? '(binary)'))))
      : null,
    h('pre', { tabindex: 0, role: 'region', 'aria-label': `Body of ${message.messageId}` }, pretty(message.body)));
}

/** A JSON body indented (envelopes are JSON); anything else as it came. @param {string} body */
function pretty(body) {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
