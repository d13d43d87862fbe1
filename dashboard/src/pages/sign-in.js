// @ts-check
// Sign-in: paste a token, or sign in through the configured OpenID Connect provider. Shows why the last session ended.
import { Api } from '../lib/api.js';
import { field, h, replace } from '../lib/dom.js';
import { beginSignIn } from '../lib/oidc.js';
import { sessionFrom, signInReason } from '../lib/session.js';
import { describe } from '../lib/view.js';

/**
 * @param {HTMLElement} main
 * @param {{ settings: import('../lib/types').Settings, api: Api, onSignedIn: (token: string) => void }} context
 */
export function render(main, { settings, api, onSignedIn }) {
  const reason = signInReason();
  const status = h('div', { class: 'sign-in-status' });
  const tokenInput = h('textarea', { name: 'token', rows: 5, autocomplete: 'off', spellcheck: 'false', required: true });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'card' },
    h('h2', {}, 'Paste a token'),
    field('Bearer token (JWT)', tokenInput, 'Locally: mailflow token --role operator. It stays in this browser tab only.'),
    submit);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const token = tokenInput.value.trim();
    const session = sessionFrom(token, settings.rolesClaim);
    if (!session) {
      replace(status, h('p', { class: 'state error', role: 'alert' }, 'That is not a JWT: a token has three parts separated by dots.'));
      return;
    }
    submit.disabled = true;
    replace(status, h('p', { class: 'state loading', role: 'status' }, 'Checking the token with the API…'));
    // The API is the judge: one call with the token proves it is accepted before it is kept.
    const probe = new Api(api.baseUrl, () => token, () => {});
    try {
      await probe.get('/api/inbound');
      onSignedIn(token);
    } catch (error) {
      replace(status, h('p', { class: 'state error', role: 'alert' }, describe(error)));
    } finally {
      submit.disabled = false;
    }
  });

  const oidc = settings.oidc;
  const provider = oidc
    ? h('section', { class: 'card' },
      h('h2', {}, 'Your organisation'),
      h('p', {}, `Sign in with ${new URL(oidc.issuer).host}.`),
      h('button', {
        type: 'button', class: 'primary', onclick: async () => {
          replace(status, h('p', { class: 'state loading', role: 'status' }, 'Going to the sign-in provider…'));
          try {
            await beginSignIn(oidc);
          } catch (error) {
            replace(status, h('p', { class: 'state error', role: 'alert' }, describe(error)));
          }
        },
      }, 'Sign in with your organisation'))
    : null;

  replace(main,
    h('h1', {}, 'Sign in to Mailflow'),
    reason ? h('p', { class: 'state warning', role: 'alert' }, reason) : null,
    h('div', { class: 'sign-in' }, provider, form),
    status,
    settings.environment === 'local'
      ? h('p', { class: 'hint' }, 'mailflow run prints a sign-in link with a fresh operator token when it starts.')
      : null);
}
