// @ts-check
// Apps and routes: the rules that decide where mail goes (GET /api/config/effective: what the inbound pipeline applies,
// Mailflow's defaults, global settings and app overrides merged), and a "what would happen" box that posts a raw mail
// to POST /api/routes/preview, the inbound pipeline run in memory: nothing is stored, queued or written to the ledger
// (docs/api.md, Previewing a mail).
import { ApiError, isAbort } from '../lib/api.js';
import { field, h, replace, table } from '../lib/dom.js';
import { count } from '../lib/format.js';
import { empty, failure, load } from '../lib/view.js';

/**
 * GET /api/config/effective (src/Mailflow.Api/Views/Effective*View.cs) and POST /api/routes/preview (RoutePreview*.cs).
 * @typedef {Record<string, Record<string, string>>} Verdicts verdict → SES status → accept | quarantine | reject
 * @typedef {{ maxMessageBytes: number, maxAttachments: number, maxAttachmentBytes: number, blockedExtensions: string[],
 *   onAttachmentViolation: string, maxEnvelopeBytes: number }} Limits
 * @typedef {{ verdicts: Verdicts, limits: Limits }} Policy
 * @typedef {{ name: string, addresses: string[], extraAddresses: string[], senders: { allow: string[], block: string[] },
 *   policy: Policy, queue: string, deadLetterQueue: string }} App
 * @typedef {{ environment: string, domains: string[], unroutable: { action: string, app: string | null, queue: string },
 *   global: Policy, apps: App[] }} Effective
 * @typedef {{ outcome: string, app: string | null, queue: string | null, reasonCode: string | null,
 *   reason: string | null, envelopeId: string | null, envelope: unknown }} Delivery
 * @typedef {{ mailId: string, size: number, recipients: string[], recipientsFrom: 'query' | 'headers',
 *   verdicts: Record<string, string>, deliveries: Delivery[], addressesRedacted: boolean, note: string }} Preview
 */

/** Limits in the order docs/configuration.md lists them. */
const limitNames = /** @type {const} */ ([
  ['maxMessageBytes', 'Largest mail'],
  ['maxAttachments', 'Attachments per mail'],
  ['maxAttachmentBytes', 'Largest attachment'],
  ['blockedExtensions', 'Blocked extensions'],
  ['onAttachmentViolation', 'On an attachment violation'],
  ['maxEnvelopeBytes', 'Largest envelope on a queue'],
]);

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
export function render(main, { api, signal }) {
  const configRegion = h('div', { class: 'apps-config' });
  replace(main,
    h('h1', {}, 'Apps and routes'),
    h('p', { class: 'hint' }, 'Where mail goes: the rules Mailflow applies, and what it would do with a mail of yours.'),
    previewBox(api, signal),
    configRegion);
  void load(configRegion, 'the configuration', () => /** @type {Promise<Effective>} */ (api.get('/api/config/effective', signal)), configView);
}

/** @param {Effective} config */
function configView(config) {
  const unroutable = config.unroutable.action === 'catchAll'
    ? ['delivered to the catch-all app ', h('strong', {}, config.unroutable.app ?? ''), ' on ', h('code', {}, config.unroutable.queue), '.']
    : ['quarantined on ', h('code', {}, config.unroutable.queue), ' with reason code unroutable.'];
  return [
    h('section', { 'aria-labelledby': 'apps-routing' },
      h('h2', { id: 'apps-routing' }, 'Routing for every app'),
      h('dl', { class: 'apps-facts' },
        h('dt', {}, 'Environment'), h('dd', {}, config.environment),
        h('dt', {}, 'Domains'), h('dd', {}, list(config.domains)),
        h('dt', {}, 'Mail no app takes'), h('dd', {}, 'Recipients no app takes are ', unroutable)),
      h('h3', {}, 'Verdict policy'),
      table('Verdict policy for every app: the action for each SES verdict and status', ['Verdict', ...statusesOf(config.global.verdicts)],
        Object.entries(config.global.verdicts).map(([verdict, actions]) => [verdict, ...Object.values(actions)])),
      h('h3', {}, 'Limits'),
      table('Limits for every app', ['Limit', 'Value'], limitNames.map(([key, label]) => [label, limitText(key, config.global.limits[key])]))),
    h('section', { 'aria-labelledby': 'apps-apps' },
      h('h2', { id: 'apps-apps' }, `Apps (${config.apps.length})`),
      config.apps.length === 0 ? empty('No app is configured.', 'Add one under "apps" in mailflow.json.') : null,
      config.apps.map((app) => appCard(app, config.global))),
  ];
}

/**
 * @param {App} app
 * @param {Policy} global
 */
function appCard(app, global) {
  const id = `app-${app.name}`;
  const { allow, block } = app.senders;
  return h('article', { class: 'card app-card', 'aria-labelledby': id },
    h('h3', { id }, app.name),
    h('dl', { class: 'apps-facts' },
      h('dt', {}, 'Receives'),
      h('dd', {}, h('ul', { class: 'apps-addresses', 'aria-label': `Addresses of ${app.name}` },
        app.addresses.map((address) => h('li', {}, h('code', {}, address))),
        app.extraAddresses.map((address) => h('li', {}, h('code', {}, address), ' ', h('span', { class: 'hint' }, '(extra)')))),
      h('span', { class: 'hint' }, `Also _${app.name}+tag@ each domain; case is ignored.`)),
      h('dt', {}, 'Senders allowed'), h('dd', {}, allow.length === 0 ? 'Everyone' : list(allow)),
      h('dt', {}, 'Senders blocked'), h('dd', {}, block.length === 0 ? 'Nobody' : list(block)),
      h('dt', {}, 'Queue'), h('dd', {}, h('code', {}, app.queue)),
      h('dt', {}, 'Dead-letter queue'), h('dd', {}, h('code', {}, app.deadLetterQueue))),
    h('h4', {}, 'Verdict policy'),
    verdictDifferences(app, global.verdicts),
    h('h4', {}, 'Limits'),
    table(`Limits of ${app.name}`, ['Limit', 'Value'], limitNames.map(([key, label]) => {
      const own = limitText(key, app.policy.limits[key]);
      const every = limitText(key, global.limits[key]);
      return [label, own === every ? own : h('span', {}, h('strong', {}, own), ` (every app: ${every})`)];
    })));
}

/**
 * Only where the app's verdict policy differs from every app's: 25 cells per app would hide the one that matters.
 * @param {App} app
 * @param {Verdicts} global
 */
function verdictDifferences(app, global) {
  /** @type {import('../lib/dom').Child[][]} */
  const rows = [];
  for (const [verdict, actions] of Object.entries(app.policy.verdicts)) {
    for (const [status, action] of Object.entries(actions)) {
      if (global[verdict]?.[status] !== action) {
        rows.push([verdict, status, h('strong', {}, action), global[verdict]?.[status] ?? '–']);
      }
    }
  }
  return rows.length === 0
    ? h('p', {}, 'As for every app.')
    : table(`Verdict policy of ${app.name} where it differs from every app`, ['Verdict', 'Status', 'This app', 'Every app'], rows);
}

/** @param {Verdicts} verdicts */
function statusesOf(verdicts) {
  return Object.keys(Object.values(verdicts)[0] ?? {});
}

/**
 * The "what would happen" box: a raw mail pasted or chosen as a file, optional envelope recipients and simulated SES
 * verdicts, and the answer.
 * The file's bytes are sent as they are (not decoded to text), so 8-bit and non-UTF-8 mail previews as it would arrive.
 * @param {import('../lib/api').Api} api
 * @param {AbortSignal} signal
 */
function previewBox(api, signal) {
  const text = h('textarea', { name: 'mail', rows: 8, spellcheck: 'false', autocomplete: 'off' });
  const file = h('input', { type: 'file', name: 'file', accept: '.eml,message/rfc822,text/plain' });
  const recipients = h('input', { type: 'text', name: 'recipients', autocomplete: 'off', spellcheck: 'false', inputmode: 'email' });
  const verdicts = h('input', { type: 'text', name: 'verdicts', autocomplete: 'off', spellcheck: 'false' });
  const source = h('p', { class: 'hint' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Preview');
  const result = h('div', { class: 'apps-preview-result' });
  /** @type {'text' | 'file'} */
  let last = 'text';

  const describeSource = () => {
    const chosen = file.files?.[0];
    replace(source, last === 'file' && chosen
      ? `The file ${chosen.name} (${bytes(chosen.size)}) will be previewed.`
      : 'The pasted text will be previewed; choosing a file previews the file instead.');
  };
  // Whichever was touched last is previewed: typing after choosing a file means the text, and the other way round.
  text.addEventListener('input', () => { last = 'text'; file.value = ''; describeSource(); });
  file.addEventListener('change', () => { last = file.files?.length ? 'file' : 'text'; describeSource(); });
  describeSource();

  const form = h('form', { class: 'card apps-preview', 'aria-labelledby': 'apps-preview-title', novalidate: true },
    h('h2', { id: 'apps-preview-title' }, 'What would happen'),
    h('p', { class: 'hint' }, 'Paste a raw mail or choose an .eml file to see where Mailflow would route it and the envelope each app would receive. Nothing is stored, queued or recorded.'),
    field('Raw mail (headers and body)', text),
    field('Or an .eml file', file),
    source,
    field('Envelope recipients (optional)', recipients, 'Addresses separated by commas or spaces, as SES would list them. Leave empty to route on the mail\'s To and Cc.'),
    field('Simulated SES verdicts (optional)', verdicts, 'NAME=STATUS separated by commas or spaces, e.g. spam=FAIL virus=GRAY (spf, dkim, dmarc, spam, virus). Unnamed verdicts are PASS.'),
    h('div', { class: 'actions' }, submit),
    result);

  const run = async () => {
    const chosen = last === 'file' ? file.files?.[0] : undefined;
    const body = chosen ?? text.value;
    if (chosen ? chosen.size === 0 : text.value.trim() === '') {
      replace(result, h('p', { class: 'state error', role: 'alert' }, chosen
        ? `The file ${chosen.name} is empty: choose an .eml file with a mail in it.`
        : 'Paste a raw mail or choose an .eml file first: there is nothing to preview.'));
      return;
    }
    const query = new URLSearchParams();
    for (const address of recipients.value.split(/[\s,;]+/).filter(Boolean)) {
      query.append('recipient', address);
    }
    for (const verdict of verdicts.value.split(/[\s,;]+/).filter(Boolean)) {
      query.append('verdict', verdict);
    }
    const path = `/api/routes/preview${query.toString() ? `?${query}` : ''}`;
    submit.disabled = true;
    result.setAttribute('aria-busy', 'true');
    replace(result, h('p', { class: 'state loading', role: 'status' }, 'Running the mail through the inbound pipeline…'));
    try {
      const preview = /** @type {Preview} */ (await api.request(path, { method: 'POST', body, contentType: 'message/rfc822', signal }));
      replace(result, ...previewView(preview));
    } catch (error) {
      if (isAbort(error)) {
        return;
      }
      // A 4xx is about this mail or these recipients: retrying the same input gives the same answer.
      const retriable = !(error instanceof ApiError) || error.status === 0 || error.status >= 500;
      replace(result, failure('Could not preview the mail', error, retriable ? run : null));
    } finally {
      submit.disabled = false;
      result.removeAttribute('aria-busy');
    }
  };
  form.addEventListener('submit', (event) => { event.preventDefault(); void run(); });
  return form;
}

/** @param {Preview} preview */
function previewView(preview) {
  // One short sentence is announced; the table and envelopes are there to read, not to be read out.
  const decided = preview.deliveries.map((d) => `${d.outcome}${d.app ? ` to ${d.app}` : ''}`).join(', ');
  const routedOn = preview.recipientsFrom === 'query' ? 'the recipients you named' : 'the mail\'s To and Cc';
  const verdicts = Object.entries(preview.verdicts ?? {}).map(([name, status]) => `${name} ${status}`).join(', ');
  return [
    h('p', { class: 'visually-hidden', role: 'status' }, `Preview done: ${decided || 'no destination'}.`),
    h('h3', {}, 'Decision'),
    h('p', {}, `Mail ${preview.mailId} (${bytes(preview.size)}), routed on ${routedOn}: `, list(preview.recipients), '. ',
      `SES verdicts assumed: ${verdicts || 'none'}.`),
    preview.addressesRedacted ? h('p', { class: 'hint' }, 'Addresses are masked: only admins see them in full.') : null,
    table('What would happen to each destination', ['Decision', 'App', 'Queue', 'Reason'], preview.deliveries.map((d) => [
      h('span', { class: `apps-outcome apps-outcome-${d.outcome}` }, d.outcome),
      d.app ?? '–',
      d.queue ? h('code', {}, d.queue) : '–',
      d.reasonCode ? h('span', {}, h('code', {}, d.reasonCode), d.reason ? `: ${d.reason}` : '') : (d.reason ?? '–'),
    ])),
    preview.deliveries.filter((d) => d.envelope).map((d) => h('section', { class: 'apps-envelope', 'aria-label': `Envelope for ${d.app ?? 'quarantine'}` },
      h('h4', {}, `Envelope for ${d.app ?? 'quarantine'}`),
      h('pre', { tabindex: 0 }, h('code', {}, JSON.stringify(d.envelope, null, 2))))),
    h('p', { class: 'hint' }, preview.note),
  ];
}

/**
 * @param {keyof Limits} key
 * @param {number | string | string[]} value
 */
function limitText(key, value) {
  if (Array.isArray(value)) {
    return list(value);
  }
  return typeof value === 'number' ? (key.endsWith('Bytes') ? bytes(value) : count(value)) : value;
}

/** @param {number} value */
function bytes(value) {
  if (value < 1024) {
    return `${count(value)} bytes`;
  }
  const [amount, unit] = value < 1024 * 1024 ? [value / 1024, 'KiB'] : [value / (1024 * 1024), 'MiB'];
  return `${Number.isInteger(amount) ? amount : amount.toFixed(1)} ${unit}`;
}

/** @param {string[] | undefined} values */
function list(values) {
  return values && values.length > 0 ? values.join(', ') : 'none';
}
