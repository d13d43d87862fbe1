// @ts-check
// Operations: the inbound switches (DESIGN §3, rollback paths b and c) and the audit trail of operator actions. Every
// switch first says in words what it will do to senders and apps, then shows the state before → after and the
// consequence the API answers. Switches the caller's role may not use are not rendered (issue 8).
import { isAbort } from '../lib/api.js';
import { confirmAction } from '../lib/dialog.js';
import { h, replace, table } from '../lib/dom.js';
import { when } from '../lib/format.js';
import { may } from '../lib/session.js';
import { every } from '../lib/timer.js';
import { empty, failure, load } from '../lib/view.js';

/**
 * @typedef {{ state: string, receiving: boolean, processing: boolean, changedAt: string | null, consequence: string }} InboundStatus
 * @typedef {{ action: string, before: InboundStatus, after: InboundStatus }} InboundChange
 * @typedef {{ id: string, at: string, actor: string | null, action: string, target: string | null, detail: string | null }} AuditItem
 * @typedef {{ items: AuditItem[], nextCursor: string | null }} AuditPage
 * @typedef {'pause' | 'resume' | 'disable' | 'enable'} SwitchAction
 */

const AuditPageSize = 20;

/**
 * The four switches: who may use them (docs/api.md, Endpoints) and what each does, said before it is done. The words
 * cover both hosts because the page does not know which one serves it: locally the SMTP listener answers the codes
 * (docs/api.md, "What the switches do"); on AWS the worker's event source mapping or the SES receipt rule changes.
 * @type {{ action: SwitchAction, label: string, past: string, role: 'operator' | 'admin', danger: boolean, target: string, consequence: string[] }[]}
 */
const switches = [
  {
    action: 'pause', label: 'Pause processing', past: 'Paused', role: 'operator', danger: false, target: 'paused',
    consequence: [
      'Mail waits and nothing is lost: senders are asked to retry later (locally the SMTP listener answers 451 4.3.2; on AWS SES keeps accepting and storing mail, which waits in the inbound queue).',
      'Apps receive no new mail until someone resumes.',
    ],
  },
  {
    action: 'resume', label: 'Resume processing', past: 'Resumed', role: 'operator', danger: false, target: 'enabled',
    consequence: [
      'Mail flows again: the senders’ retries are accepted (250 locally) and the mail that waited in the inbound queue is processed and delivered to the apps.',
    ],
  },
  {
    action: 'disable', label: 'Disable inbound', past: 'Disabled', role: 'admin', danger: true, target: 'disabled',
    consequence: [
      'Senders get rejections: locally the SMTP listener answers 550 5.7.1; on AWS SES refuses the mail and senders get a bounce.',
      'They do not retry, so mail sent while inbound is disabled never reaches Mailflow. This is the last resort: pause instead to hold mail without losing it.',
    ],
  },
  {
    action: 'enable', label: 'Enable inbound', past: 'Enabled', role: 'admin', danger: false, target: 'enabled',
    consequence: [
      'Mail is accepted again (250 locally; on AWS the receipt rule accepts mail for the domains again) and routed to the apps.',
      'Mail rejected while inbound was disabled does not come back: its senders have to send it again.',
    ],
  },
];

/** @param {HTMLElement} main @param {import('../lib/types').PageContext} context */
export function render(main, context) {
  const { session } = context;
  const state = h('div', { class: 'inbound-state' });
  const outcome = h('div', { class: 'switch-outcome' });
  const allowed = switches.filter((s) => may(session, s.role));
  const audit = h('div', { class: 'audit' });

  /** @type {InboundStatus | null} */
  let current = null;
  const refreshState = (quiet = false) => load(state, 'the inbound state', () => context.api.get('/api/inbound', context.signal),
    (/** @type {InboundStatus} */ status) => { current = status; return stateView(status); }, { quiet, signal: context.signal });

  const buttons = allowed.map((s) => h('button', {
    type: 'button',
    class: s.danger ? 'danger' : null,
    onclick: () => void change(s),
  }, s.label));

  let busy = false;
  /** @param {typeof switches[number]} s */
  const change = async (s) => {
    if (busy) {
      return;
    }
    // Someone else (or mailflow inbound on the command line) may have switched since the page was read: the dialog
    // states the consequence from the state as it is now.
    await refreshState(true);
    const already = current?.state === s.target;
    const confirmed = await confirmAction({
      title: `${s.label}?`,
      consequence: already ? [`Inbound mail is already ${s.target}: this changes nothing.`, ...s.consequence] : s.consequence,
      confirmLabel: s.label,
      danger: s.danger,
    });
    if (!confirmed || busy) {
      return;
    }
    // aria-disabled rather than disabled: a disabled button drops the keyboard focus the dialog just gave back to it.
    busy = true;
    for (const button of buttons) {
      button.setAttribute('aria-disabled', 'true');
    }
    replace(outcome, h('p', { class: 'state loading', role: 'status' }, `${s.label}…`));
    try {
      /** @type {InboundChange} */
      const answer = await context.api.post(`/api/inbound/${s.action}`);
      replace(outcome, h('div', { class: 'state success', role: 'status' },
        h('p', {}, h('strong', {}, `${s.past}. `), 'Inbound mail ',
          h('span', { class: 'switch-before' }, answer.before.state), ' → ', h('span', { class: 'switch-after' }, answer.after.state), '.'),
        h('p', {}, answer.after.consequence)));
      current = answer.after;
      replace(state, stateView(answer.after));
      context.refreshBanner();
      void refreshAudit();
    } catch (error) {
      replace(outcome, failure(`Could not ${s.action} inbound mail`, error));
    } finally {
      busy = false;
      for (const button of buttons) {
        button.removeAttribute('aria-disabled');
      }
    }
  };

  const refreshAudit = () => auditTrail(audit, context);

  replace(main,
    h('h1', {}, 'Operations'),
    h('section', { 'aria-labelledby': 'inbound-heading' },
      h('h2', { id: 'inbound-heading' }, 'Inbound mail'),
      state,
      allowed.length > 0
        ? h('div', { class: 'actions switches', role: 'group', 'aria-label': 'Inbound switches' }, buttons)
        : h('p', { class: 'hint' }, `Pausing and resuming need the operator role, disabling and enabling the admin role; you are signed in as ${session.role ?? 'no role'}.`),
      outcome),
    h('section', { 'aria-labelledby': 'audit-heading' },
      h('h2', { id: 'audit-heading' }, 'Audit trail'),
      h('p', { class: 'hint' }, 'Operator and admin actions, newest first: who did what, when, and to what.'),
      audit));
  void refreshState();
  void refreshAudit();
  // Kept current like the banner, so the card and the banner never disagree for long.
  every(() => (busy ? Promise.resolve() : refreshState(true)), 15000, context.signal);
}

/** @param {InboundStatus} status */
function stateView(status) {
  return h('div', { class: `card inbound inbound-${status.state}` },
    h('dl', { class: 'facts' },
      h('div', {}, h('dt', {}, 'State'), h('dd', { class: 'inbound-state-name' }, status.state)),
      h('div', {}, h('dt', {}, 'Receiving'), h('dd', {}, status.receiving ? 'yes' : 'no')),
      h('div', {}, h('dt', {}, 'Processing'), h('dd', {}, status.processing ? 'yes' : 'no')),
      h('div', {}, h('dt', {}, 'Changed'), h('dd', {}, status.changedAt ? when(status.changedAt) : 'never'))),
    h('p', { class: 'consequence' }, status.consequence));
}

/**
 * The audit trail: the first page, then more with 'Load more' (the API's keyset cursor) appended in place so focus
 * stays on the button.
 * @param {HTMLElement} region
 * @param {import('../lib/types').PageContext} context
 */
function auditTrail(region, { api, signal }) {
  /** @param {string | null} cursor */
  const url = (cursor) => `/api/audit?limit=${AuditPageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
  return load(region, 'the audit trail', () => api.get(url(null), signal), (/** @type {AuditPage} */ first) => {
    if (first.items.length === 0) {
      return empty('No operator or admin action has been recorded yet.', 'Pausing, replaying, redriving, purging and test mail appear here.');
    }
    const list = table('Recent operator and admin actions, newest first', ['When', 'Who', 'What', 'Target', 'Detail'], []);
    const body = /** @type {HTMLTableSectionElement} */ (list.querySelector('tbody'));
    const problem = h('div', {});
    let cursor = first.nextCursor;
    const more = h('button', { type: 'button', onclick: () => void loadMore() }, 'Load more');
    /** @param {AuditItem[]} items */
    const add = (items) => {
      for (const item of items) {
        body.append(h('tr', {},
          h('td', {}, h('time', { datetime: item.at }, when(item.at))),
          h('td', {}, item.actor ?? '–'),
          h('td', { class: 'mono' }, item.action),
          h('td', { class: 'mono' }, item.target ?? '–'),
          h('td', {}, item.detail ?? '')));
      }
      more.hidden = !cursor;
    };
    const loadMore = async () => {
      more.disabled = true;
      replace(problem);
      try {
        /** @type {AuditPage} */
        const next = await api.get(url(cursor), signal);
        cursor = next.nextCursor;
        add(next.items);
      } catch (error) {
        if (!isAbort(error)) {
          replace(problem, failure('Could not load more of the audit trail', error, () => void loadMore()));
        }
      } finally {
        more.disabled = false;
        if (more.hidden) {
          region.querySelector('table')?.closest('div')?.focus();
        }
      }
    };
    add(first.items);
    return [list, problem, h('div', { class: 'actions' }, more)];
  });
}
