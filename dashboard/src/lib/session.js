// @ts-check
// The signed-in caller: the bearer token lives in sessionStorage (issue 8: gone when the tab closes, never in
// localStorage or a cookie), and its claims are read only to show who is signed in and which actions to offer. The
// API checks the signature and the roles on every call; nothing here is a security decision.

/** @typedef {'viewer' | 'operator' | 'admin'} Role */

const TokenKey = 'mailflow.token';
const ReasonKey = 'mailflow.signInReason';

/** Roles in order: each includes the ones before it (docs/api.md, Auth). */
export const Roles = /** @type {const} */ (['viewer', 'operator', 'admin']);

/**
 * @typedef {object} Session
 * @property {string} token
 * @property {string} subject
 * @property {Role | null} role the highest role the token carries, or null for none
 * @property {number | null} expiresAt milliseconds since the epoch, from `exp`
 */

/**
 * Reads a JWT's payload without verifying it (RFC 7519 §3: base64url JSON); null when it is not a JWT.
 * @param {string} token
 * @returns {Record<string, unknown> | null}
 */
export function claimsOf(token) {
  const parts = token.split('.');
  if (parts.length !== 3) {
    return null;
  }
  try {
    const base64 = parts[1].replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)));
    const claims = JSON.parse(json);
    return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? claims : null;
  } catch {
    return null;
  }
}

/**
 * The highest role in a roles claim (an array or one string, as the API accepts it).
 * @param {unknown} claim
 * @returns {Role | null}
 */
export function highestRole(claim) {
  const values = Array.isArray(claim) ? claim : typeof claim === 'string' ? [claim] : [];
  let best = -1;
  for (const value of values) {
    best = Math.max(best, Roles.indexOf(/** @type {Role} */ (String(value).toLowerCase())));
  }
  return best < 0 ? null : Roles[best];
}

/**
 * @param {string} token
 * @param {string} [rolesClaim] where the roles are: a claim name or a dotted path into nested claims
 * @returns {Session | null}
 */
export function sessionFrom(token, rolesClaim = 'roles') {
  const claims = claimsOf(token);
  if (!claims) {
    return null;
  }
  /** @type {unknown} */
  let roles = claims;
  for (const part of rolesClaim.split('.')) {
    roles = roles !== null && typeof roles === 'object' ? /** @type {Record<string, unknown>} */ (roles)[part] : undefined;
  }
  if (roles === undefined && rolesClaim.includes('.')) {
    roles = claims[rolesClaim];
  }
  return {
    token,
    subject: typeof claims.sub === 'string' ? claims.sub : '(no subject)',
    role: highestRole(roles),
    expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : null,
  };
}

/**
 * @param {Session} session
 * @param {Role} role
 */
export function may(session, role) {
  return session.role !== null && Roles.indexOf(session.role) >= Roles.indexOf(role);
}

/** @param {Session} session @param {number} now */
export function isExpired(session, now) {
  return session.expiresAt !== null && session.expiresAt <= now;
}

export function storedToken() {
  return sessionStorage.getItem(TokenKey);
}

/** @param {string} token */
export function storeToken(token) {
  sessionStorage.setItem(TokenKey, token);
  sessionStorage.removeItem(ReasonKey);
}

/**
 * Forgets the token; the reason is shown on the sign-in page (issue 8: a 401 returns to sign-in with the reason).
 * @param {string} [reason]
 */
export function signOut(reason) {
  sessionStorage.removeItem(TokenKey);
  if (reason) {
    sessionStorage.setItem(ReasonKey, reason);
  } else {
    sessionStorage.removeItem(ReasonKey);
  }
}

export function signInReason() {
  return sessionStorage.getItem(ReasonKey);
}
