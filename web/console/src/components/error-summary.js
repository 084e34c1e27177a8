import { html, useEffect, useRef } from '../ui.js';

/**
 * The GOV.UK-style error summary at the top of a form: it takes the focus when it appears, and each line
 * links to its field. `errors` is [{field, message}] (field: the control's id, or null for the form).
 */
export function ErrorSummary({ errors, title = 'Il y a un problème' }) {
  const ref = useRef(null);
  const list = (errors || []).filter((e) => e && e.message);
  const key = list.map((e) => e.field + e.message).join('|');
  useEffect(() => {
    if (list.length && ref.current) ref.current.focus();
  }, [key]);
  if (!list.length) return null;
  const go = (field) => (event) => {
    event.preventDefault();
    const target = document.getElementById(field);
    if (target) {
      target.focus();
      target.scrollIntoView({ block: 'center' });
    }
  };
  return html`<div class="error-summary" role="alert" tabindex="-1" ref=${ref} aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${title}</h2>
    <ul>
      ${list.map((e) => html`<li>${e.field && document.getElementById(e.field)
        ? html`<a href=${'#' + e.field} onClick=${go(e.field)}>${e.message}</a>`
        : e.message}</li>`)}
    </ul>
  </div>`;
}
