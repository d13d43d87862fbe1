// @ts-check
// Confirmation before anything that changes Mailflow: a native modal <dialog> (focus moves into it and stays there,
// Escape cancels) that states the consequence, and optionally asks for a typed confirmation (purge: the queue's name).
import { field, h } from './dom.js';

/**
 * @typedef {object} ConfirmOptions
 * @property {string} title
 * @property {(string | Node)[]} consequence what will happen, in words, before anything is done
 * @property {string} confirmLabel the button that does it ("Purge mailflow-local-app1")
 * @property {boolean} [danger] a red confirm button: the action cannot be undone or rejects mail
 * @property {string} [typeToConfirm] the confirm button stays disabled until exactly this is typed
 */

/**
 * Asks for confirmation; resolves true only when the person confirmed.
 * @param {ConfirmOptions} options
 * @returns {Promise<boolean>}
 */
export function confirmAction(options) {
  return new Promise((resolve) => {
    const confirm = h('button', { type: 'submit', class: options.danger ? 'danger' : 'primary', value: 'confirm' }, options.confirmLabel);
    const cancel = h('button', { type: 'button' }, 'Cancel');
    /** @type {HTMLInputElement | null} */
    let typed = null;
    if (options.typeToConfirm !== undefined) {
      const expected = options.typeToConfirm;
      typed = h('input', { type: 'text', autocomplete: 'off', spellcheck: 'false' });
      confirm.disabled = true;
      typed.addEventListener('input', () => {
        confirm.disabled = /** @type {HTMLInputElement} */ (typed).value !== expected;
      });
    }
    const form = h('form', { method: 'dialog' },
      h('h2', { id: 'confirm-title' }, options.title),
      h('div', { id: 'confirm-consequence' }, options.consequence.map((part) => typeof part === 'string' ? h('p', {}, part) : part)),
      typed ? field(`Type ${options.typeToConfirm} to confirm`, typed) : null,
      h('div', { class: 'actions' }, confirm, cancel));
    const dialog = h('dialog', { 'aria-labelledby': 'confirm-title', 'aria-describedby': 'confirm-consequence' }, form);
    let confirmed = false;
    form.addEventListener('submit', (event) => {
      if (confirm.disabled) {
        event.preventDefault();
        return;
      }
      confirmed = true;
    });
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(confirmed);
    });
    document.body.append(dialog);
    dialog.showModal();
    (typed ?? cancel).focus();
  });
}
