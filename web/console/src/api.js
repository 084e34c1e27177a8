// The one module through which every API call passes: same-origin cookie session, the CSRF header on every
// request, errors turned into ApiError {status, code, message, field} in one place, and 401 → sign in again.

/** A refusal or a failure, as the API words it ({code, message, field}) or as the network did. */
export class ApiError extends Error {
  constructor(status, code, message, field = null, body = null) {
    super(message || code);
    this.status = status;
    this.code = code;
    this.field = field;
    this.body = body;
  }
}

/** Routes that never need a session: a 401 there is the answer itself, not a reason to leave the page. */
const PUBLIC_ROUTES = ['#/connexion', '#/invitation'];

function onUnauthorized() {
  const here = location.hash || '#/';
  if (PUBLIC_ROUTES.some((r) => here.startsWith(r))) return;
  // Keep where the person wanted to go: after signing in, the console brings them back there.
  location.hash = '#/connexion?retour=' + encodeURIComponent(here.replace(/^#/, ''));
}

async function request(method, path, body, { signal, headers = {} } = {}) {
  const init = {
    method,
    credentials: 'same-origin',
    signal,
    headers: { 'X-Eterrain-Request': '1', accept: 'application/json', ...headers },
  };
  if (body !== undefined && body !== null) {
    if (typeof body === 'string') {
      init.body = body;
    } else {
      init.body = JSON.stringify(body);
      init.headers['content-type'] = 'application/json';
    }
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    if (e && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', 'Le serveur ne répond pas. Vérifiez votre connexion, puis réessayez.');
  }
  if (!response.ok) {
    let payload = null;
    try { payload = await response.json(); } catch (e) { /* not JSON */ }
    const error = new ApiError(response.status, (payload && payload.code) || 'http_' + response.status,
      (payload && payload.message) || '', (payload && payload.field) || null, payload);
    if (response.status === 401) onUnauthorized();
    throw error;
  }
  return response;
}

/** Calls the API; resolves to the parsed JSON answer, or null for 204 and empty bodies. */
export async function api(method, path, body, options) {
  const response = await request(method, path, body, options);
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** Calls the API for a file (PNG, CSV): resolves to a Blob. */
export async function apiBlob(method, path, body, options = {}) {
  const response = await request(method, path, body, { ...options, headers: { accept: '*/*', ...(options.headers || {}) } });
  return response.blob();
}

/** Offers a Blob as a download named `name` (the browser's own save, nothing leaves the page). */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** `?a=1&b=2` from an object, leaving out empty values. */
export function query(params) {
  const q = new URLSearchParams();
  Object.entries(params || {}).forEach(([k, v]) => {
    if (v !== undefined && v !== null && v !== '') q.set(k, v);
  });
  const s = q.toString();
  return s ? '?' + s : '';
}
