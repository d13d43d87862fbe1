// @ts-check
// The dashboard's shell: settings, sign-in, the page list, the alert banner and the router. Pages are ES modules
// loaded when first visited, so the first paint needs only this file and the sign-in or overview page.
import { Api } from './lib/api.js';
import { h, replace } from './lib/dom.js';
import { completeSignIn, isCallback } from './lib/oidc.js';
import { isExpired, may, sessionFrom, signOut, storeToken, storedToken } from './lib/session.js';
import { failure } from './lib/view.js';
import { renderBanner } from './lib/banner.js';
import { every } from './lib/timer.js';

/** @typedef {import('./lib/types').Settings} Settings */
/** @typedef {import('./lib/types').PageModule} PageModule */
/** @typedef {import('./lib/session').Role} Role */

/**
 * Every page, in navigation order. `role` is the least role that may open it.
 * @type {{ path: string, title: string, role: Role, load: () => Promise<PageModule> }[]}
 */
const pages = [
  { path: 'overview', title: 'Overview', role: 'viewer', load: () => import('./pages/overview.js') },
  { path: 'queues', title: 'Queues', role: 'viewer', load: () => import('./pages/queues.js') },
  { path: 'messages', title: 'Messages', role: 'viewer', load: () => import('./pages/messages.js') },
  { path: 'apps', title: 'Apps and routes', role: 'viewer', load: () => import('./pages/apps.js') },
  { path: 'test', title: 'Test', role: 'viewer', load: () => import('./pages/test.js') },
  { path: 'operations', title: 'Operations', role: 'viewer', load: () => import('./pages/operations.js') },
];

const main = /** @type {HTMLElement} */ (document.getElementById('main'));
const nav = /** @type {HTMLElement} */ (document.getElementById('nav'));
const who = /** @type {HTMLElement} */ (document.getElementById('who'));
const banner = /** @type {HTMLElement} */ (document.getElementById('banner'));
const environment = /** @type {HTMLElement} */ (document.getElementById('environment'));

/** @type {Settings} */
let settings;
/** @type {AbortController | null} */
let leaving = null;
/** @type {AbortController | null} */
let bannerTimer = null;

const api = new Api('', storedToken, (reason) => {
  // A 401 ends the session: back to sign-in with the API's reason (issue 8). A page sends several requests at once;
  // the first 401 signs out, the others find no token and change nothing.
  if (!storedToken()) {
    return;
  }
  signOut(reason);
  navigate('#/sign-in');
});

/** @param {string} hash */
function navigate(hash) {
  if (location.hash === hash) {
    void route();
  } else {
    location.hash = hash;
  }
}

async function start() {
  // The skip link moves focus past the navigation; as a hash link it would be taken for a route.
  document.querySelector('.skip-link')?.addEventListener('click', (event) => {
    event.preventDefault();
    main.focus();
  });
  // `mailflow run` prints a link carrying a fresh token in the fragment (never sent to a server). Only a fragment that
  // is exactly `#token=…` counts, and it leaves the address bar before anything else happens.
  const linked = /^#token=([A-Za-z0-9_.-]+)$/.exec(location.hash)?.[1];
  if (linked) {
    history.replaceState(null, '', `${location.pathname}#/overview`);
    storeToken(linked);
  }
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(`/config.json answered ${response.status}`);
    }
    settings = await response.json();
  } catch (error) {
    replace(main, failure('Could not load the dashboard settings (/config.json)', error, () => location.reload()));
    return;
  }
  api.baseUrl = (settings.apiBaseUrl ?? '').replace(/\/$/, '');
  environment.textContent = settings.environment;
  environment.hidden = !settings.environment;

  const query = new URLSearchParams(location.search);
  if (settings.oidc && isCallback(query)) {
    history.replaceState(null, '', `${location.pathname}#/overview`);
    try {
      storeToken(await completeSignIn(settings.oidc, query));
    } catch (error) {
      signOut(error instanceof Error ? error.message : String(error));
    }
  }
  window.addEventListener('hashchange', () => void route());
  await route();
}

/** The page last shown, to tell a new page from the same page with another query (#/overview?window=7d). */
let shownPath = '';

async function route() {
  // On the same page with another query (a window chooser, a filter), focus returns to the control that was used
  // instead of jumping to the heading.
  const used = document.activeElement instanceof HTMLElement && main.contains(document.activeElement)
    ? { tag: document.activeElement.tagName, text: document.activeElement.textContent }
    : null;
  leaving?.abort();
  leaving = new AbortController();
  const signal = leaving.signal;
  const parsed = parseHash(location.hash);
  const path = parsed?.[0] || 'overview';
  const params = parsed?.slice(1) ?? [];
  const query = new URLSearchParams(location.hash.split('?')[1] ?? '');
  const token = storedToken();
  const session = token ? sessionFrom(token, settings.rolesClaim) : null;
  if (session && isExpired(session, Date.now())) {
    signOut('Your session has expired. Sign in again.');
  }
  if (!session || isExpired(session, Date.now()) || path === 'sign-in') {
    showShell(null);
    const { render } = await import('./pages/sign-in.js');
    document.title = 'Sign in · Mailflow';
    await render(main, { settings, api, onSignedIn: (value) => { storeToken(value); navigate('#/overview'); } });
    focusHeading();
    return;
  }
  const page = parsed ? pages.find((candidate) => candidate.path === path) : undefined;
  showShell(session, page?.path);
  if (!page) {
    document.title = 'Not found · Mailflow';
    replace(main, h('h1', { tabindex: -1 }, 'Page not found'), h('p', {}, 'There is no page at this address. ', h('a', { href: '#/overview' }, 'Go to the overview.')));
    focusHeading();
    return;
  }
  if (!may(session, page.role)) {
    document.title = `${page.title} · Mailflow`;
    replace(main, h('h1', { tabindex: -1 }, page.title), h('p', {}, `This page needs the ${page.role} role; you are signed in as ${session.role ?? 'no role'}.`));
    focusHeading();
    return;
  }
  document.title = `${page.title} · Mailflow`;
  replace(main, h('p', { class: 'state loading', role: 'status' }, `Loading ${page.title.toLowerCase()}…`));
  try {
    const module = await page.load();
    if (signal.aborted) {
      return;
    }
    main.replaceChildren();
    await module.render(main, { api, session, settings, params, query, signal, navigate, refreshBanner: () => void refreshBanner() });
    const again = used ? [...main.querySelectorAll(used.tag)].find((element) => element.textContent === used.text) : undefined;
    if (path === shownPath && again instanceof HTMLElement) {
      again.focus();
    } else {
      focusHeading();
    }
    shownPath = path;
  } catch (error) {
    replace(main, failure(`Could not open ${page.title}`, error, () => void route()));
  }
}

/**
 * The route's segments (`#/queues/NAME` → ["queues", "NAME"]); [] for the root; null when it cannot be read (a bad
 * %-escape), which shows Not found rather than failing.
 * @param {string} hash
 * @returns {string[] | null}
 */
function parseHash(hash) {
  const route = hash.replace(/^#\/?/, '').split('?')[0];
  try {
    return route === '' ? [] : route.split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** Moves focus to the new page's heading so screen readers announce the page change. */
function focusHeading() {
  const heading = main.querySelector('h1');
  if (heading && !heading.contains(document.activeElement)) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
  }
}

/**
 * The navigation, who is signed in and the banner; hidden on the sign-in page.
 * @param {import('./lib/session').Session | null} session
 * @param {string} [current]
 */
function showShell(session, current) {
  nav.hidden = who.hidden = !session;
  if (!session) {
    bannerTimer?.abort();
    bannerTimer = null;
    banner.replaceChildren();
    return;
  }
  replace(nav, h('ul', {}, pages.map((page) => h('li', {},
    h('a', { href: `#/${page.path}`, 'aria-current': page.path === current ? 'page' : null }, page.title)))));
  replace(who,
    h('span', { class: 'subject', title: 'Signed in as' }, session.subject),
    h('span', { class: `role role-${session.role ?? 'none'}` }, session.role ?? 'no role'),
    h('button', { type: 'button', class: 'link', onclick: () => { signOut(); navigate('#/sign-in'); } }, 'Sign out'));
  if (!bannerTimer) {
    bannerTimer = new AbortController();
    void refreshBanner();
    every(refreshBanner, 15000, bannerTimer.signal);
  }
}

async function refreshBanner() {
  if (bannerTimer) {
    await renderBanner(banner, api, bannerTimer.signal);
  }
}

void start();
