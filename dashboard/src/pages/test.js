// @ts-check
// Test: a test inbound mail to an app through the real receipt path, and a test outbound envelope through the real
// outbound queue (docs/api.md, POST /api/test/*), each answered with where it went and a link to its timeline. Sending
// needs the operator role: a viewer is told so and gets no form (issue 8).
import { field, h, replace } from '../lib/dom.js';
import { may } from '../lib/session.js';
import { describe, empty, load } from '../lib/view.js';
import { ApiError } from '../lib/api.js';

/**
 * @typedef {{ domains: string[], apps: { name: string }[] }} Config the part of GET /api/config this page reads
 * @typedef {{ mailId: string, to: string, timeline: string }} TestInboundAnswer
 * @typedef {{ mailId: string, idempotencyKey: string, queue: string, timeline: string }} TestOutboundAnswer
 * @typedef {{ step: string, app: string | null, queue: string | null, detail: string | null }} TimelineStep
 */

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
export function render(main, context) {
  const { session } = context;
  if (!may(session, 'operator')) {
    replace(main,
      h('h1', {}, 'Test'),
      h('div', { class: 'state empty' },
        h('p', {}, `Sending test mail needs the operator role; you are signed in as ${session.role ?? 'no role'}.`),
        h('p', { class: 'hint' }, 'An operator can send a test mail to an app through the receipt path, or a test envelope through the outbound queue, and follow it on its timeline. You can follow any mail on the Messages page.')));
    return;
  }
  const forms = h('div', { class: 'test-forms' });
  replace(main,
    h('h1', {}, 'Test'),
    h('p', { class: 'hint' }, 'Test mail travels the real paths and is marked as a test; each answer links to the mail’s timeline.'),
    forms);
  void load(forms, 'the apps', () => context.api.get('/api/config', context.signal), (/** @type {Config} */ config) => {
    if (config.apps.length === 0) {
      return empty('No app is configured, so there is nothing to send test mail to or from.', 'Add an app to mailflow.json (docs/configuration.md).');
    }
    return [inboundForm(context, config), outboundForm(context, config)];
  });
}

/**
 * @param {import('../lib/types').PageContext} context
 * @param {Config} config
 */
function inboundForm({ api, signal }, config) {
  const domain = config.domains[0] ?? 'the first domain';
  const app = appSelect(config);
  const subject = h('input', { type: 'text', name: 'subject', autocomplete: 'off' });
  const text = h('textarea', { name: 'text', rows: 3 });
  const result = h('div');
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send test mail');
  const form = h('form', { class: 'card', 'aria-labelledby': 'test-inbound-heading', novalidate: true },
    h('h2', { id: 'test-inbound-heading' }, 'Test inbound mail'),
    h('p', { class: 'hint' }, `From mailflow-test@${domain} to the app’s address _app@${domain}, through the receipt path as real mail arrives; it carries X-Mailflow-Test: inbound.`),
    field('App', app),
    field('Subject (optional)', subject),
    field('Text (optional)', text),
    h('div', { class: 'actions' }, send),
    result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(send, result, [], async () => {
      /** @type {TestInboundAnswer} */
      const answer = await api.post('/api/test/inbound', { app: app.value, subject: subject.value || undefined, text: text.value || undefined });
      return [
        h('p', {}, h('strong', {}, 'Received. '), 'Test mail ', h('span', { class: 'mono test-mail-id' }, answer.mailId), ' went to ',
          h('span', { class: 'mono' }, answer.to), '.'),
        follow(api, answer.mailId, InboundSettled, signal),
        h('p', {}, timelineLink(answer.mailId)),
      ];
    });
  });
  return form;
}

/**
 * @param {import('../lib/types').PageContext} context
 * @param {Config} config
 */
function outboundForm({ api, signal }, config) {
  const domain = config.domains[0] ?? 'the first domain';
  const app = appSelect(config);
  // type=email for the phone keyboard; novalidate on the form so the API, not the browser, judges the address and
  // the page shows the API's own words (the outbound worker applies the same rules).
  const to = h('input', { type: 'email', name: 'to', autocomplete: 'off', spellcheck: 'false', required: true });
  const subject = h('input', { type: 'text', name: 'subject', autocomplete: 'off' });
  const text = h('textarea', { name: 'text', rows: 3 });
  const result = h('div');
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send test envelope');
  const form = h('form', { class: 'card', 'aria-labelledby': 'test-outbound-heading', novalidate: true },
    h('h2', { id: 'test-outbound-heading' }, 'Test outbound envelope'),
    h('p', { class: 'hint' }, `A mailflow.outbound.v1 envelope from the app’s address _app@${domain}, put on the outbound queue as the app would; the worker validates it and sends the mail.`),
    field('App', app),
    field('To', to, 'The recipient’s address. The mail is really sent: on AWS through SES; under mailflow run through its relay, or into its outbox/ directory when none is set.'),
    field('Subject (optional)', subject),
    field('Text (optional)', text),
    h('div', { class: 'actions' }, send),
    result);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit(send, result, [to], async () => {
      /** @type {TestOutboundAnswer} */
      const answer = await api.post('/api/test/outbound', { app: app.value, to: to.value, subject: subject.value || undefined, text: text.value || undefined });
      return [
        h('p', {}, h('strong', {}, 'Accepted. '), 'Envelope ', h('span', { class: 'mono test-mail-id' }, answer.mailId), ' is on ',
          h('span', { class: 'mono' }, answer.queue), ' (idempotency key ', h('span', { class: 'mono' }, answer.idempotencyKey), ').'),
        follow(api, answer.mailId, OutboundSettled, signal),
        h('p', {}, timelineLink(answer.mailId)),
      ];
    });
  });
  return form;
}

/** Timeline steps that say where a test mail ended up (docs/api.md, GET /api/messages/{id}). */
const InboundSettled = ['queued', 'quarantined', 'rejected', 'failed', 'dead-lettered', 'duplicate'];
const OutboundSettled = ['sent', 'delayed', 'suppressed', 'failed', 'dead-lettered', 'duplicate'];
const FollowMs = 1000;
const FollowTries = 20;

/**
 * Where the mail went: reads its timeline every second (the worker handles it asynchronously) until a step in
 * `settled` appears, then names that step; stops when the page is left. Not yet in the ledger (404) means not yet
 * processed, so it keeps looking.
 * @param {import('../lib/api').Api} api
 * @param {string} mailId
 * @param {string[]} settled
 * @param {AbortSignal} signal
 */
function follow(api, mailId, settled, signal) {
  const line = h('p', { class: 'test-where' }, 'Following it through the worker…');
  void (async () => {
    for (let attempt = 0; attempt < FollowTries; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, FollowMs));
      if (signal.aborted || !line.isConnected) {
        return; // the page was left, or the form sent another mail
      }
      try {
        /** @type {{ timeline: TimelineStep[] }} */
        const message = await api.get(`/api/messages/${encodeURIComponent(mailId)}`, signal);
        const step = [...message.timeline].reverse().find((s) => settled.includes(s.step));
        if (step) {
          replace(line, h('strong', {}, 'Where it went: '), step.detail ?? `${step.step} ${[step.app, step.queue].filter(Boolean).join(', ')}`);
          return;
        }
      } catch (error) {
        if (signal.aborted) {
          return;
        }
        if (!(error instanceof ApiError && error.status === 404)) {
          replace(line, `Could not follow it: ${describe(error)}`);
          return;
        }
      }
    }
    if (!signal.aborted && line.isConnected) {
      replace(line, `Not processed after ${(FollowMs * FollowTries) / 1000} s; its timeline shows each step as it happens.`);
    }
  })();
  return line;
}

/** @param {Config} config */
function appSelect(config) {
  return h('select', { name: 'app' }, config.apps.map((a) => h('option', { value: a.name }, a.name)));
}

/** The messages page's timeline of one mail. @param {string} mailId */
function timelineLink(mailId) {
  return h('a', { href: `#/messages/${encodeURIComponent(mailId)}` }, 'Follow it on its timeline');
}

/**
 * Sends a form: the button waits, the answer or the API's refusal shows next to the form. A 400 about the recipient
 * marks the To field invalid and ties the message to it.
 * @param {HTMLButtonElement} button
 * @param {HTMLElement} result
 * @param {HTMLInputElement[]} checked fields the API's 400 may be about
 * @param {() => Promise<Node[]>} send
 */
async function submit(button, result, checked, send) {
  if (button.getAttribute('aria-disabled') === 'true') {
    return;
  }
  // aria-disabled rather than disabled, so that the keyboard focus stays on the button while it sends.
  button.setAttribute('aria-disabled', 'true');
  for (const input of checked) {
    input.removeAttribute('aria-invalid');
  }
  replace(result, h('p', { class: 'state loading', role: 'status' }, 'Sending…'));
  try {
    replace(result, h('div', { class: 'state success', role: 'status' }, await send()));
  } catch (error) {
    const id = `${button.form?.getAttribute('aria-labelledby') ?? 'test'}-error`;
    replace(result, h('div', { class: 'state error', role: 'alert', id },
      h('p', {}, h('strong', {}, error instanceof ApiError && error.status === 400 ? 'The API refused it. ' : 'Could not send it. '), describe(error))));
    if (error instanceof ApiError && error.code === 'invalid-recipient') {
      for (const input of checked) {
        input.setAttribute('aria-invalid', 'true');
        input.setAttribute('aria-errormessage', id);
      }
    }
  } finally {
    button.removeAttribute('aria-disabled');
  }
}
