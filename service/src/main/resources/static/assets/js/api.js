// The one place the console talks to the server: adds the API key, turns problem+json answers into
// sentences a person can act on, and signals when the key stops being accepted.

const STORAGE_KEY = 'strata.apiKey';

/** An API failure with a message meant for the page. */
export class ApiError extends Error {
  constructor(status, problem, message) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

// Session storage only: the key dies with the tab and is never written to disk by the console.
export const session = {
  key: () => sessionStorage.getItem(STORAGE_KEY),
  save: (key) => sessionStorage.setItem(STORAGE_KEY, key),
  clear: () => sessionStorage.removeItem(STORAGE_KEY),
};

/**
 * Calls the API. Returns {status, headers, body} with body parsed as JSON when it is JSON.
 * Throws ApiError for network failures and non-2xx answers other than those in `accept`.
 */
export async function call(method, path, {body, headers = {}, key = session.key(), accept = []} = {}) {
  const init = {method, headers: {Accept: 'application/json, application/problem+json', ...headers}, cache: 'no-store'};
  if (key) init.headers.Authorization = `Bearer ${key}`;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, null, 'Cannot reach the Strata server. Check that it is running and that your network allows it, then retry.');
  }
  const parsed = await readBody(response);
  if (response.ok || accept.includes(response.status)) {
    return {status: response.status, headers: response.headers, body: parsed};
  }
  const problem = parsed && typeof parsed === 'object' ? parsed : null;
  const error = new ApiError(response.status, problem, explain(response, problem));
  if (response.status === 401 && key && key === session.key()) {
    window.dispatchEvent(new CustomEvent('strata:unauthorized', {detail: error}));
  }
  throw error;
}

async function readBody(response) {
  const text = await response.text();
  if (!text) return null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { return JSON.parse(text); } catch { return text; }
  }
  return text;
}

function explain(response, problem) {
  const status = response.status;
  // The server's detail is a sentence; inside the parentheses it loses its full stop (the message ends with one).
  const detail = problem && problem.detail ? ` (${problem.detail.replace(/\.$/, '')})` : '';
  if (status === 401) {
    return 'The server does not accept this API key: it is wrong, revoked or expired. '
      + `Sign in again with a valid key${detail}.`;
  }
  if (status === 403) return `Not allowed${detail}.`;
  if (status === 404) return `Not found${detail}.`;
  if (status === 412) {
    return 'Someone changed or deleted this item since you opened it, so your change was not applied. '
      + 'Reload the item and apply your edit again.';
  }
  if (status === 429) {
    const wait = response.headers.get('Retry-After');
    return `Too many requests for this tenant; retry${wait ? ` in ${wait} s` : ' shortly'}${detail}.`;
  }
  if (status >= 500) {
    const title = problem && problem.title ? problem.title : response.statusText || 'Server error';
    return `Server error ${status} (${title})${detail}. The request was not completed; retry in a moment.`;
  }
  const title = problem && problem.title ? problem.title : `HTTP ${status}`;
  return `${title}${detail}.`;
}

/** Encodes one path segment (namespace, key, user id). */
export const seg = (value) => encodeURIComponent(value);
