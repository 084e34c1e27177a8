import { html } from '../ui.js';

/**
 * A labelled form field with its hint and its error, wired for screen readers (aria-describedby,
 * aria-invalid). `as` is "input" (default), "select" or "textarea"; other props go to the control.
 */
export function Field({ id, label, hint, error, as = "input", children, optional, inputRef, ...control }) {
  const hintId = hint ? id + '-hint' : null;
  const errorId = error ? id + '-error' : null;
  const described = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  const props = { id, ref: inputRef, name: control.name || id, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined, ...control };
  let input;
  if (as === 'select') input = html`<select ...${props}>${children}</select>`;
  else if (as === 'textarea') input = html`<textarea ...${props}></textarea>`;
  else input = html`<input ...${props} />`;
  return html`<div class=${'field' + (error ? ' field-has-error' : '')}>
    <label for=${id}>${label}${optional ? html` <span class="optional">(facultatif)</span>` : null}</label>
    ${hint ? html`<p class="hint" id=${hintId}>${hint}</p>` : null}
    ${error ? html`<p class="field-error" id=${errorId}><span class="visually-hidden">Erreur : </span>${error}</p>` : null}
    ${input}
  </div>`;
}

/** A checkbox with its label on the right. */
export function Checkbox({ id, label, hint, error, ...control }) {
  const hintId = hint ? id + '-hint' : null;
  return html`<div class=${'field field-checkbox' + (error ? ' field-has-error' : '')}>
    ${error ? html`<p class="field-error" id=${id + '-error'}><span class="visually-hidden">Erreur : </span>${error}</p>` : null}
    <input type="checkbox" id=${id} name=${control.name || id} aria-describedby=${[hintId, error ? id + '-error' : null].filter(Boolean).join(' ') || undefined} ...${control} />
    <label for=${id}>${label}</label>
    ${hint ? html`<p class="hint" id=${hintId}>${hint}</p>` : null}
  </div>`;
}
