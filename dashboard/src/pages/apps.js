// @ts-check
// Apps and routes: the configuration that decides where mail goes (GET /api/config, with each app's queue from
// GET /api/queues), and a "what would happen" box that posts a raw mail to POST /api/routes/preview, the inbound
// pipeline run in memory: nothing is stored, queued or written to the ledger (docs/api.md, Previewing a mail).
import { ApiError } from '../lib/api.js';
import { field, h, replace, table } from '../lib/dom.js';
import { count } from '../lib/format.js';
import { describe, empty, failure, load } from '../lib/view.js';

/**
 * The parts of mailflow.json this page shows (src/Mailflow.Core/Configuration; camelCase, null entries left out).
 * @typedef {Partial<Record<'spf' | 'dkim' | 'dmarc' | 'spam' | 'virus', Record<string, string>>>} VerdictPolicy
 * @typedef {{ maxMessageBytes?: number, maxAttachments?: number, maxAttachmentBytes?: number,
 *   blockedExtensions?: string[], onAttachmentViolation?: string, maxEnvelopeBytes?: number }} Limits
 * @typedef {{ name: string, addresses: string[], senders: { allow: string[], block: string[] },
 *   verdicts?: VerdictPolicy, limits?: Limits }} AppConfig
 * @typedef {{ environment: string, domains: string[], apps: AppConfig[], unroutable: { action: string, app?: string },
 *   limits: Limits, verdicts: VerdictPolicy, queues?: { maxReceiveCount?: number } }} Config
 * @typedef {{ name: string, kind: string, app: string | null, deadLetterQueue: string | null }} Queue
 * @typedef {{ outcome: string, app: string | null, queue: string | null, reasonCode: string | null,
 *   reason: string | null, envelopeId: string | null, envelope: unknown }} Delivery
 * @typedef {{ mailId: string, size: number, recipients: string[], recipientsFrom: 'query' | 'headers',
 *   verdicts: Record<string, string>, deliveries: Delivery[], addressesRedacted: boolean, note: string }} Preview
 */

const verdictNames = /** @type {const} */ (['spf', 'dkim', 'dmarc', 'spam', 'virus']);

/** Limits in the order docs/configuration.md lists them, with how each value reads. */
const limitNames = /** @type {const} */ ([
  ['maxMessageBytes', 'Largest mail'],
  ['maxAttachments', 'Attachments per mail'],
  ['maxAttachmentBytes', 'Largest attachment'],
  ['blockedExtensions', 'Blocked extensions'],
  ['onAttachmentViolation', 'On an attachment violation'],
  ['maxEnvelopeBytes', 'Largest envelope on a queue'],
]);

/** EffectiveVerdictPolicy's defaults in Core, in words; docs/configuration.md has the table. */
const verdictDefaults = 'Statuses not listed use Mailflow\'s defaults (docs/configuration.md): DMARC or spam FAIL quarantines, '
  + 'virus FAIL rejects, virus PROCESSING_FAILED quarantines, everything else is accepted.';

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
export function render(main, { api, signal }) {
  const configRegion = h('div', { class: 'apps-config' });
  replace(main,
    h('h1', {}, 'Apps and routes'),
    h('p', { class: 'hint' }, 'Where mail goes: the configuration Mailflow runs with, and what it would do with a mail of yours.'),
    previewBox(api, signal),
    configRegion);
  void load(configRegion, 'the configuration', () => fetchConfig(api, signal), configView);
}

/**
 * The configuration, and the queues so each app shows its real queue and DLQ. The queues are a courtesy: when they
 * cannot be read the configuration still shows, with the reason in place of the names.
 * @param {import('../lib/api').Api} api
 * @param {AbortSignal} signal
 */
async function fetchConfig(api, signal) {
  const [config, queues] = await Promise.all([
    /** @type {Promise<Config>} */ (api.get('/api/config', signal)),
    api.get('/api/queues', signal).then((view) => /** @type {Queue[]} */ (view.queues), (error) => {
      if (error instanceof DOMException && error.name === 'AbortError') {
        throw error;
      }
      return describe(error);
    }),
  ]);
  return { config, queues };
}

/** @param {{ config: Config, queues: Queue[] | string }} loaded */
function configView({ config, queues }) {
  const unroutable = config.unroutable.action === 'catchAll'
    ? `delivered to the catch-all app ${config.unroutable.app ?? '(none named)'}`
    : 'quarantined (the quarantine queue, with reason code unroutable)';
  return [
    h('section', { 'aria-labelledby': 'apps-routing' },
      h('h2', { id: 'apps-routing' }, 'Routing for every app'),
      h('dl', { class: 'apps-facts' },
        h('dt', {}, 'Environment'), h('dd', {}, config.environment),
        h('dt', {}, 'Domains'), h('dd', {}, list(config.domains)),
        h('dt', {}, 'Mail no app takes'), h('dd', {}, `Recipients no app takes are ${unroutable}.`),
        h('dt', {}, 'Receives before a DLQ'), h('dd', {}, count(config.queues?.maxReceiveCount))),
      h('h3', {}, 'Verdict policy'),
      verdictTable('Verdict policy for every app', config.verdicts, undefined),
      h('h3', {}, 'Limits'),
      limitsTable('Limits for every app', config.limits, undefined)),
    h('section', { 'aria-labelledby': 'apps-apps' },
      h('h2', { id: 'apps-apps' }, `Apps (${config.apps.length})`),
      typeof queues === 'string' ? h('p', { class: 'state warning' }, `Queue names could not be loaded: ${queues}`) : null,
      config.apps.length === 0 ? empty('No app is configured.', 'Add one under "apps" in mailflow.json.') : null,
      config.apps.map((app) => appCard(app, config, typeof queues === 'string' ? null : queues))),
  ];
}

/**
 * @param {AppConfig} app
 * @param {Config} config
 * @param {Queue[] | null} queues
 */
function appCard(app, config, queues) {
  const id = `app-${app.name}`;
  // docs/configuration.md, apps[]: `_{name}@` (and `_{name}+tag@`) every domain, then the extra addresses.
  const defaults = config.domains.map((domain) => `_${app.name}@${domain}`);
  const queue = queues?.find((q) => q.kind === 'app' && q.app?.toLowerCase() === app.name.toLowerCase());
  const allow = app.senders.allow;
  const block = app.senders.block;
  return h('article', { class: 'card app-card', 'aria-labelledby': id },
    h('h3', { id }, app.name),
    h('dl', { class: 'apps-facts' },
      h('dt', {}, 'Receives'),
      h('dd', {}, h('ul', { class: 'apps-addresses', 'aria-label': `Addresses of ${app.name}` },
        defaults.map((address) => h('li', {}, h('code', {}, address))),
        app.addresses.map((address) => h('li', {}, h('code', {}, address), ' ', h('span', { class: 'hint' }, '(extra)')))),
      h('span', { class: 'hint' }, `Also _${app.name}+tag@ each domain; case is ignored.`)),
      h('dt', {}, 'Senders allowed'), h('dd', {}, allow.length === 0 ? 'Everyone' : list(allow)),
      h('dt', {}, 'Senders blocked'), h('dd', {}, block.length === 0 ? 'Nobody' : list(block)),
      h('dt', {}, 'Queue'), h('dd', {}, queue ? h('code', {}, queue.name) : '–'),
      h('dt', {}, 'Dead-letter queue'), h('dd', {}, queue?.deadLetterQueue ? h('code', {}, queue.deadLetterQueue) : '–')),
    h('h4', {}, 'Verdict policy'),
    verdictTable(`Verdict policy of ${app.name}`, config.verdicts, app.verdicts),
    h('h4', {}, 'Limits'),
    limitsTable(`Limits of ${app.name}`, config.limits, app.limits));
}

/**
 * The configured verdict entries, the app's laid over the global ones, each saying where it comes from.
 * @param {string} caption
 * @param {VerdictPolicy} global
 * @param {VerdictPolicy | undefined} own
 */
function verdictTable(caption, global, own) {
  /** @type {import('../lib/dom').Child[][]} */
  const rows = [];
  for (const verdict of verdictNames) {
    const statuses = new Set([...Object.keys(global?.[verdict] ?? {}), ...Object.keys(own?.[verdict] ?? {})]);
    for (const status of statuses) {
      const mine = own?.[verdict]?.[status];
      rows.push([verdict, status, mine ?? global?.[verdict]?.[status] ?? '', own === undefined ? 'global' : mine ? 'this app' : 'global']);
    }
  }
  return rows.length === 0
    ? h('p', {}, verdictDefaults.replace('Statuses not listed use', 'Nothing is configured: every status uses'))
    : [table(caption, ['Verdict', 'Status', 'Action', 'Set by'], rows), h('p', { class: 'hint' }, verdictDefaults)];
}

/**
 * The configured limits, the app's laid over the global ones; unset ones say they are Mailflow's defaults.
 * @param {string} caption
 * @param {Limits} global
 * @param {Limits | undefined} own
 */
function limitsTable(caption, global, own) {
  const rows = limitNames.map(([key, label]) => {
    const mine = own?.[key];
    const value = mine ?? global?.[key];
    const from = mine !== undefined ? 'this app' : value !== undefined ? 'global' : 'default';
    return [label, value === undefined ? 'Mailflow\'s default' : limitText(key, value), from];
  });
  return table(caption, ['Limit', 'Value', 'Set by'], rows);
}

/**
 * The "what would happen" box: a raw mail pasted or chosen as a file, optional envelope recipients, and the answer.
 * The file's bytes are sent as they are (not decoded to text), so 8-bit and non-UTF-8 mail previews as it would arrive.
 * @param {import('../lib/api').Api} api
 * @param {AbortSignal} signal
 */
function previewBox(api, signal) {
  const text = h('textarea', { name: 'mail', rows: 8, spellcheck: 'false', autocomplete: 'off' });
  const file = h('input', { type: 'file', name: 'file', accept: '.eml,message/rfc822,text/plain' });
  const recipients = h('input', { type: 'text', name: 'recipients', autocomplete: 'off', spellcheck: 'false', inputmode: 'email' });
  const source = h('p', { class: 'hint', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Preview');
  const result = h('div', { class: 'apps-preview-result', 'aria-live': 'polite' });
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
    const path = `/api/routes/preview${query.toString() ? `?${query}` : ''}`;
    submit.disabled = true;
    result.setAttribute('aria-busy', 'true');
    replace(result, h('p', { class: 'state loading', role: 'status' }, 'Running the mail through the inbound pipeline…'));
    try {
      const preview = /** @type {Preview} */ (await api.request(path, { method: 'POST', body, contentType: 'message/rfc822', signal }));
      replace(result, ...previewView(preview));
    } catch (error) {
      if (error instanceof DOMException && error.name === 'AbortError') {
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
  const routedOn = preview.recipientsFrom === 'query' ? 'the recipients you named' : 'the mail\'s To and Cc';
  const verdicts = Object.entries(preview.verdicts ?? {}).map(([name, status]) => `${name} ${status}`).join(', ');
  return [
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
  return typeof value === 'number' && key.endsWith('Bytes') ? bytes(value) : typeof value === 'number' ? count(value) : value;
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
