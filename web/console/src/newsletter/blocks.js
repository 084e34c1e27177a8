// The blocks of a newsletter: heading, text (a small Markdown toolbar), image, button; added, removed and moved
// with buttons, so reordering works from the keyboard and on a phone as well as with a mouse.
import { html, useEffect, useRef } from '../../vendor/htm-preact.js';

export const KINDS = {
  heading: { label: 'Titre', empty: () => ({ type: 'heading', text: '' }) },
  text: { label: 'Texte', empty: () => ({ type: 'text', markdown: '' }) },
  image: { label: 'Image', empty: () => ({ type: 'image', url: '', alt: '' }) },
  button: { label: 'Bouton', empty: () => ({ type: 'button', label: '', url: '' }) },
};

let counter = 0;
/** Blocks carry a local key (_k) so the page keeps focus and input on the right one while they move. */
export function keyed(block) {
  return block._k ? block : { ...block, _k: `b${++counter}` };
}

/** The blocks as the API takes them: no local key, no empty optional field. */
export function forApi(blocks) {
  return blocks.map((b) => {
    const { _k, ...rest } = b;
    if (rest.type === 'image' && !(rest.link || '').trim()) delete rest.link;
    return rest;
  });
}

/** What a block lacks before it can be saved, by field: { 'blocks[2].url': 'À remplir.' } */
export function missing(blocks) {
  const out = {};
  blocks.forEach((b, i) => {
    const need = (key, text) => { if (!(b[key] || '').trim()) out[`blocks[${i}].${key}`] = text; };
    if (b.type === 'heading') need('text', 'Écrivez le titre.');
    if (b.type === 'text') need('markdown', 'Écrivez le texte.');
    if (b.type === 'image') { need('url', "Donnez l'adresse de l'image (https://…)."); need('alt', "Décrivez l'image en quelques mots (pour qui ne la voit pas)."); }
    if (b.type === 'button') { need('label', 'Écrivez ce que dit le bouton.'); need('url', 'Donnez le lien du bouton (https://…).'); }
  });
  return out;
}

function Field({ id, label, hint, error, children }) {
  const render = Array.isArray(children) ? children.find((c) => typeof c === 'function') : children;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return html`
    <div class=${'nl-field' + (error ? ' nl-field-error' : '')}>
      <label for=${id}>${label}</label>
      ${hint && html`<p class="nl-hint" id=${`${id}-hint`}>${hint}</p>`}
      ${error && html`<p class="nl-error" id=${`${id}-error`}><span class="nl-visually-hidden">Erreur : </span>${error}</p>`}
      ${render({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined })}
    </div>`;
}

const TOOLS = [
  { id: 'bold', label: 'Gras', icon: 'G', apply: (s) => `**${s || 'texte en gras'}**` },
  { id: 'italic', label: 'Italique', icon: 'I', apply: (s) => `*${s || 'texte en italique'}*` },
  { id: 'link', label: 'Lien', icon: 'Lien', apply: (s) => `[${s || 'texte du lien'}](https://)` },
  { id: 'list', label: 'Liste', icon: '•', apply: (s) => (s || 'premier point').split('\n').map((l) => `- ${l.replace(/^- /, '')}`).join('\n'), line: true },
  { id: 'name', label: 'Prénom du lecteur', icon: 'Prénom', apply: () => '{{firstName}}' },
];

function TextBlock({ block, index, onChange, errors, onBlur }) {
  const area = useRef(null);
  const id = `nl-b${index}-markdown`;
  const use = (tool) => {
    const el = area.current;
    const value = block.markdown || '';
    let start = el ? el.selectionStart : value.length;
    const end = el ? el.selectionEnd : value.length;
    let before = value.slice(0, start);
    if (tool.line && before && !before.endsWith('\n')) before += '\n';
    const inserted = tool.apply(value.slice(start, end));
    const next = before + inserted + value.slice(end);
    onChange({ ...block, markdown: next });
    start = before.length;
    requestAnimationFrame(() => {
      if (!area.current) return;
      area.current.focus();
      const url = inserted.indexOf('(https://)');
      const caret = url >= 0 ? start + url + 9 : start + inserted.length;
      area.current.setSelectionRange(caret, caret);
    });
  };
  return html`
    <${Field} id=${id} label="Texte" error=${errors[`blocks[${index}].markdown`]}
      hint="**gras**, *italique*, [lien](https://…), « - » en début de ligne pour une liste ; {{firstName}} devient le prénom.">
      ${(a) => html`
        <div class="nl-toolbar" role="toolbar" aria-label=${`Mise en forme du bloc ${index + 1}`} aria-controls=${id}>
          ${TOOLS.map((t) => html`<button type="button" class="nl-tool" data-tool=${t.id} onClick=${() => use(t)}
            aria-label=${t.label} title=${t.label}><span aria-hidden="true">${t.icon}</span></button>`)}
        </div>
        <textarea ...${a} ref=${area} rows="6" value=${block.markdown}
          onInput=${(e) => onChange({ ...block, markdown: e.currentTarget.value })} onBlur=${onBlur}></textarea>`}
    <//>`;
}

function Input({ block, index, name, label, hint, errors, onChange, onBlur, type = 'text', maxLength }) {
  const id = `nl-b${index}-${name}`;
  return html`
    <${Field} id=${id} label=${label} hint=${hint} error=${errors[`blocks[${index}].${name}`]}>
      ${(a) => html`<input ...${a} type=${type} value=${block[name] || ''} maxLength=${maxLength}
        inputmode=${type === 'url' ? 'url' : undefined} autocomplete="off"
        onInput=${(e) => onChange({ ...block, [name]: e.currentTarget.value })} onBlur=${onBlur} />`}
    <//>`;
}

function Block({ block, index, count, onChange, onMove, onRemove, errors, onBlur }) {
  const kind = KINDS[block.type];
  const common = { block, index, errors, onChange, onBlur };
  return html`
    <li class="nl-block" data-type=${block.type} data-index=${index}>
      <fieldset>
        <legend>Bloc ${index + 1} · ${kind.label}</legend>
        <div class="nl-block-actions">
          <button type="button" id=${`nl-b${index}-up`} class="nl-small" disabled=${index === 0}
            aria-label=${`Monter le bloc ${index + 1} (${kind.label})`} onClick=${() => onMove(index, -1, 'up')}>↑ Monter</button>
          <button type="button" id=${`nl-b${index}-down`} class="nl-small" disabled=${index === count - 1}
            aria-label=${`Descendre le bloc ${index + 1} (${kind.label})`} onClick=${() => onMove(index, 1, 'down')}>↓ Descendre</button>
          <button type="button" class="nl-small nl-danger" disabled=${count === 1}
            aria-label=${`Supprimer le bloc ${index + 1} (${kind.label})`} onClick=${() => onRemove(index)}>Supprimer</button>
        </div>
        ${block.type === 'heading' && html`<${Input} ...${common} name="text" label="Titre" maxLength="200" />`}
        ${block.type === 'text' && html`<${TextBlock} ...${common} />`}
        ${block.type === 'image' && html`
          <${Input} ...${common} name="url" type="url" label="Adresse de l'image" hint="Une image en ligne, qui commence par https://" />
          <${Input} ...${common} name="alt" label="Description de l'image" maxLength="300"
            hint="Lue à qui ne voit pas l'image, et affichée quand la messagerie bloque les images." />
          <${Input} ...${common} name="link" type="url" label="Lien au clic sur l'image (facultatif)" />`}
        ${block.type === 'button' && html`
          <${Input} ...${common} name="label" label="Texte du bouton" maxLength="80" hint="Ce que fera le lecteur : « Je m'inscris », « Lire la suite »" />
          <${Input} ...${common} name="url" type="url" label="Lien du bouton" hint="https://…" />`}
      </fieldset>
    </li>`;
}

export function BlockList({ blocks, onBlocks, errors, onBlur }) {
  // Where focus goes once the blocks are drawn in their new order: a block (by its key) at its new place, and
  // which of its controls. Renders that happen before (a blur, a save) find the block elsewhere and wait.
  const focusAfter = useRef(null);
  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    const index = target.key ? blocks.findIndex((b) => b._k === target.key) : -1;
    if (target.key && (index < 0 || (target.index != null && index !== target.index))) return;
    focusAfter.current = null;
    const ids = target.key ? target.parts.map((p) => `nl-b${index}-${p}`) : target.ids;
    const el = ids.map((id) => document.getElementById(id)).find((e) => e && !e.disabled);
    if (el) el.focus();
  });
  const change = (i) => (block) => onBlocks(blocks.map((b, j) => (j === i ? block : b)));
  const move = (i, delta, dir) => {
    const j = i + delta;
    if (j < 0 || j >= blocks.length) return;
    const next = blocks.slice();
    [next[i], next[j]] = [next[j], next[i]];
    focusAfter.current = { key: blocks[i]._k, index: j, parts: dir === 'up' ? ['up', 'down'] : ['down', 'up'] };
    onBlocks(next, `Bloc déplacé en position ${j + 1}.`);
  };
  const remove = (i) => {
    const neighbour = blocks[i > 0 ? i - 1 : i + 1];
    focusAfter.current = neighbour ? { key: neighbour._k, index: i > 0 ? i - 1 : 0, parts: ['up', 'down'] } : { ids: ['nl-add-text'] };
    onBlocks(blocks.filter((_, j) => j !== i), `Bloc ${i + 1} supprimé.`);
  };
  const add = (type) => {
    const block = keyed(KINDS[type].empty());
    const first = { heading: 'text', text: 'markdown', image: 'url', button: 'label' }[type];
    focusAfter.current = { key: block._k, index: blocks.length, parts: [first] };
    onBlocks([...blocks, block], `Bloc ${KINDS[type].label.toLowerCase()} ajouté à la fin.`);
  };
  return html`
    <ol class="nl-blocks">
      ${blocks.map((b, i) => html`<${Block} key=${b._k} block=${b} index=${i} count=${blocks.length}
        onChange=${change(i)} onMove=${move} onRemove=${remove} errors=${errors} onBlur=${onBlur} />`)}
    </ol>
    <div class="nl-add" role="group" aria-label="Ajouter un bloc">
      <span class="nl-add-label">Ajouter :</span>
      ${Object.entries(KINDS).map(([type, k]) => html`<button type="button" id=${`nl-add-${type}`} class="nl-small"
        onClick=${() => add(type)}>+ ${k.label}</button>`)}
    </div>`;
}
