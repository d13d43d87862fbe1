// @ts-check
// Sign-in through an OpenID Connect provider: authorization code with PKCE (RFC 7636, S256) for a public client, as
// OAuth 2.0 for Browser-Based Apps recommends; no client secret exists in a static page. The verifier, state and nonce
// live in sessionStorage for the round trip only.
import { claimsOf } from './session.js';

const PendingKey = 'mailflow.oidcPending';

/** @typedef {import('./types').OidcSettings} OidcSettings */

/** @param {Uint8Array} bytes */
function base64Url(bytes) {
  let binary = '';
  for (const byte of bytes) {
    binary += String.fromCharCode(byte);
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** @param {number} length */
function randomString(length) {
  return base64Url(crypto.getRandomValues(new Uint8Array(length)));
}

/** Where the provider sends the browser back: the dashboard's root, which finishes the sign-in. */
export function redirectUri() {
  return `${location.origin}/`;
}

/**
 * The provider's endpoints from its discovery document (OpenID Connect Discovery 1.0 §4).
 * @param {OidcSettings} oidc
 * @returns {Promise<{ authorization_endpoint: string, token_endpoint: string }>}
 */
async function discover(oidc) {
  const url = `${oidc.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' } });
  } catch {
    throw new Error(`The sign-in provider at ${oidc.issuer} could not be reached.`);
  }
  if (!response.ok) {
    throw new Error(`The sign-in provider's discovery document (${url}) answered ${response.status}.`);
  }
  const document = await response.json();
  if (typeof document.authorization_endpoint !== 'string' || typeof document.token_endpoint !== 'string') {
    throw new Error(`The sign-in provider's discovery document (${url}) names no authorization or token endpoint.`);
  }
  return document;
}

/**
 * Sends the browser to the provider's authorization endpoint.
 * @param {OidcSettings} oidc
 */
export async function beginSignIn(oidc) {
  const { authorization_endpoint: authorize, token_endpoint: tokenEndpoint } = await discover(oidc);
  const verifier = randomString(32);
  const challenge = base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  const state = randomString(16);
  const nonce = randomString(16);
  sessionStorage.setItem(PendingKey, JSON.stringify({ verifier, state, nonce, tokenEndpoint }));
  const url = new URL(authorize);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: oidc.clientId,
    redirect_uri: redirectUri(),
    scope: oidc.scopes.join(' '),
    state,
    nonce,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  }).toString();
  location.assign(url.toString());
}

/**
 * Whether the address is the provider sending the browser back (with a code or an error).
 * @param {URLSearchParams} query
 */
export function isCallback(query) {
  return query.has('state') && (query.has('code') || query.has('error'));
}

/**
 * Finishes the sign-in: checks the state, exchanges the code with the verifier and returns the token the API takes.
 * @param {OidcSettings} oidc
 * @param {URLSearchParams} query
 * @returns {Promise<string>}
 */
export async function completeSignIn(oidc, query) {
  const pending = JSON.parse(sessionStorage.getItem(PendingKey) ?? 'null');
  sessionStorage.removeItem(PendingKey);
  if (!pending || pending.state !== query.get('state')) {
    throw new Error('This sign-in answer does not belong to a sign-in started here (its state does not match). Sign in again.');
  }
  const error = query.get('error');
  if (error) {
    throw new Error(`The sign-in provider refused: ${query.get('error_description') ?? error}.`);
  }
  let response;
  try {
    response = await fetch(pending.tokenEndpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code: query.get('code') ?? '',
        redirect_uri: redirectUri(),
        client_id: oidc.clientId,
        code_verifier: pending.verifier,
      }),
    });
  } catch {
    throw new Error(`The sign-in provider's token endpoint (${pending.tokenEndpoint}) could not be reached.`);
  }
  const tokens = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new Error(`The sign-in provider would not issue a token: ${tokens.error_description ?? tokens.error ?? response.status}.`);
  }
  // OpenID Connect Core §3.1.3.7: the ID token must carry the nonce this sign-in sent.
  if (tokens.id_token !== undefined && claimsOf(tokens.id_token)?.nonce !== pending.nonce) {
    throw new Error('The ID token does not carry the nonce this sign-in sent. Sign in again.');
  }
  const token = tokens[oidc.token];
  if (typeof token !== 'string') {
    throw new Error(`The sign-in provider returned no ${oidc.token}; dashboard.oidc.token names which token the API takes.`);
  }
  return token;
}
