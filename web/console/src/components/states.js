import { html } from '../ui.js';
import { messageFor } from '../messages.js';

/** While something loads: announced politely, no layout jump. */
export function Loading({ label = 'Chargement…' }) {
  return html`<p class="state state-loading" role="status"><span class="spinner" aria-hidden="true"></span>${label}</p>`;
}

/** Nothing to show yet, and what to do about it. */
export function Empty({ title, children }) {
  return html`<div class="state state-empty"><p class="state-title">${title}</p>${children}</div>`;
}

/** A request failed: the reason in plain words, and a way to try again. */
export function Failure({ error, onRetry, title = 'Le chargement a échoué' }) {
  return html`<div class="state state-failure" role="alert">
    <p class="state-title">${title}</p>
    <p>${messageFor(error)}</p>
    ${onRetry ? html`<button type="button" class="button secondary" onClick=${onRetry}>Réessayer</button>` : null}
  </div>`;
}

/** A short confirmation after an action ("Les changements sont enregistrés."). */
export function Notice({ children, kind = 'success' }) {
  if (!children) return null;
  return html`<p class=${'notice notice-' + kind} role="status">${children}</p>`;
}

/** Renders a useResource() result: loading, failure, or the content. */
export function Resource({ resource, children, loading }) {
  if (resource.error) return html`<${Failure} error=${resource.error} onRetry=${resource.reload} />`;
  if (resource.data === undefined) return html`<${Loading} label=${loading} />`;
  return children(resource.data);
}
