// @ts-check
// The only way the page talks to Mailflow: the API with the caller's bearer token. Every failure becomes an ApiError
// whose message says what failed in words an operator can act on; a 401 ends the session (issue 8).

/**
 * Whether a failure is only the request being abandoned (the page was left): nothing to show.
 * @param {unknown} error
 */
export function isAbort(error) {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** An API call that failed: `status` 0 means the API could not be reached at all. */
export class ApiError extends Error {
  /**
   * @param {number} status
   * @param {string} code the API's error code (docs/api.md, Errors), or "network"
   * @param {string} message
   */
  constructor(status, code, message) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/**
 * @typedef {object} RequestOptions
 * @property {'GET' | 'POST'} [method]
 * @property {unknown} [json] a JSON body
 * @property {Blob | string} [body] a raw body, sent with `contentType`
 * @property {string} [contentType]
 * @property {AbortSignal} [signal]
 */

export class Api {
  /**
   * @param {string} baseUrl "" for the page's own origin (mailflow run), else the API's origin
   * @param {() => string | null} token
   * @param {(reason: string) => void} onUnauthorized called with the reason when the API answers 401
   */
  constructor(baseUrl, token, onUnauthorized) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.token = token;
    this.onUnauthorized = onUnauthorized;
  }

  /**
   * GETs an API path such as "/api/queues" and returns its JSON.
   * @param {string} path
   * @param {AbortSignal} [signal]
   * @returns {Promise<any>}
   */
  get(path, signal) {
    return this.request(path, { signal });
  }

  /**
   * POSTs JSON (or nothing) to an API path and returns the JSON answer.
   * @param {string} path
   * @param {unknown} [json]
   * @returns {Promise<any>}
   */
  post(path, json) {
    return this.request(path, { method: 'POST', json });
  }

  /**
   * @param {string} path
   * @param {RequestOptions} [options]
   * @returns {Promise<any>}
   */
  async request(path, options = {}) {
    const response = await this.send(path, options);
    const type = response.headers.get('content-type') ?? '';
    return type.includes('json') ? response.json() : response.text();
  }

  /**
   * Sends a request and returns the response when it is 2xx; otherwise throws an ApiError.
   * @param {string} path
   * @param {RequestOptions} [options]
   * @returns {Promise<Response>}
   */
  async send(path, options = {}) {
    /** @type {Record<string, string>} */
    const headers = { Accept: 'application/json' };
    const token = this.token();
    if (token) {
      headers.Authorization = `Bearer ${token}`;
    }
    /** @type {BodyInit | undefined} */
    let body;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      headers['Content-Type'] = options.contentType ?? 'application/octet-stream';
      body = options.body;
    }
    /** @type {Response} */
    let response;
    try {
      response = await fetch(this.baseUrl + path, { method: options.method ?? 'GET', headers, body, signal: options.signal, cache: 'no-store' });
    } catch (error) {
      if (isAbort(error)) {
        throw error;
      }
      throw new ApiError(0, 'network', `The API at ${this.baseUrl || location.origin} could not be reached. Check that Mailflow is running and your network.`);
    }
    if (response.ok) {
      return response;
    }
    const failure = await errorOf(response);
    if (response.status === 401) {
      this.onUnauthorized(failure.message);
    }
    throw failure;
  }
}

/**
 * The API's error body ({"error","message"}) or, for 401, the RFC 6750 error_description; else the status line.
 * @param {Response} response
 */
async function errorOf(response) {
  let code = `http-${response.status}`;
  let message = `The API answered ${response.status} ${response.statusText}.`;
  try {
    const problem = await response.json();
    if (problem && typeof problem.message === 'string') {
      message = problem.message;
    }
    if (problem && typeof problem.error === 'string') {
      code = problem.error;
    }
  } catch {
    // Not JSON (a proxy's page, an empty body): the status line is all there is.
  }
  const challenge = response.headers.get('www-authenticate') ?? '';
  const description = /error_description="([^"]*)"/.exec(challenge);
  if (response.status === 401 && description) {
    message = `The API refused the token: ${description[1]}.`;
  }
  return new ApiError(response.status, code, message);
}
