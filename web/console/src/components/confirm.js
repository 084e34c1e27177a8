import { html, useEffect, useRef } from '../ui.js';

/**
 * A confirmation dialog (the native <dialog>: focus kept inside, Échap closes it). Says what will happen;
 * the confirm button names the action. `danger` paints it red for what cannot be undone.
 */
export function Confirm({ open, title, children, confirmLabel, cancelLabel = 'Annuler', danger, busy, onConfirm, onCancel }) {
  const ref = useRef(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return html`<dialog class="confirm" ref=${ref} aria-labelledby="confirm-title" onCancel=${(e) => { e.preventDefault(); if (!busy) onCancel(); }}>
    <h2 id="confirm-title">${title}</h2>
    <div class="confirm-body">${children}</div>
    <div class="actions">
      <button type="button" class=${'button' + (danger ? ' danger' : '')} disabled=${busy} onClick=${onConfirm}>${busy ? 'Un instant…' : confirmLabel}</button>
      <button type="button" class="button secondary" disabled=${busy} onClick=${onCancel}>${cancelLabel}</button>
    </div>
  </dialog>`;
}
