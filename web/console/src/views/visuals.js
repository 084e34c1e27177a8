// #/f/{fed}/visuels: a branded visual in a minute — pick a template and a format, type, see the server's rendering
// update (debounced, stale requests cancelled), download the PNG or save it to the content library.
import { html, useEffect, useMemo, useRef, useState } from '../../vendor/htm-preact.js';
import { api, apiBlob } from '../api.js';
import { useLetterStyles } from '../newsletter/styles.js';
import { CONTENT_STATES, LICENSES, fieldName, visualMessage } from '../visuals/messages.js';

const RENDER_AFTER_MS = 450;
const POLL_MS = 1500;
const POLL_FOR_MS = 90000;

function visibleLength(text) {
  return Array.from((text || '').normalize('NFC')).length;
}

function readFile(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result);
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function fieldsFor(template, values, photos) {
  const fields = {};
  for (const f of template.fields) {
    if (f.kind === 'photo') {
      const p = photos[f.name];
      if (p?.data) fields[f.name] = { data: p.data };
      else if (p?.content) fields[f.name] = { content: p.content };
    } else {
      const v = (values[f.name] || '').trim();
      if (v) fields[f.name] = values[f.name];
    }
  }
  return fields;
}

function TextField({ spec, format, value, error, onInput }) {
  const id = `vi-${spec.name}`;
  const max = spec.maxLength?.[format];
  const length = visibleLength(value);
  const over = max && length > max;
  const type = spec.kind === 'date' ? 'date' : spec.kind === 'time' ? 'time' : 'text';
  const describedBy = [`${id}-hint`, error && `${id}-error`, max && `${id}-count`].filter(Boolean).join(' ');
  const common = { id, value: value || '', 'aria-describedby': describedBy, 'aria-invalid': error || over ? 'true' : undefined,
    required: spec.required, onInput: (e) => onInput(e.currentTarget.value) };
  return html`
    <div class=${'nl-field' + (error || over ? ' nl-field-error' : '')} data-field=${spec.name}>
      <label for=${id}>${spec.label}${spec.required ? '' : ' (facultatif)'}</label>
      <p class="nl-hint" id=${`${id}-hint`}>${spec.hint}${spec.example && spec.kind === 'text' ? ` — par exemple : « ${spec.example} »` : ''}</p>
      ${error && html`<p class="nl-error" id=${`${id}-error`}><span class="nl-visually-hidden">Erreur : </span>${error}</p>`}
      ${spec.multiline
        ? html`<textarea ...${common} rows="3"></textarea>`
        : html`<input ...${common} type=${type} autocomplete="off" />`}
      ${max && html`<span class="vi-counter" id=${`${id}-count`} data-over=${over ? 'true' : 'false'}>${length} / ${max} caractères</span>`}
    </div>`;
}

function PhotoField({ spec, fed, catalogue, photo, error, onPhoto }) {
  const id = `vi-${spec.name}`;
  const [library, setLibrary] = useState(null);
  const [localError, setLocalError] = useState(null);
  const pick = async (e) => {
    const file = e.currentTarget.files[0];
    setLocalError(null);
    if (!file) return;
    if (!catalogue.photo.types.includes(file.type)) {
      setLocalError("Ce fichier n'est pas une photo : choisissez un fichier JPEG, PNG ou GIF.");
      return;
    }
    if (file.size > catalogue.photo.maxBytes) {
      setLocalError(`Cette photo pèse ${(file.size / 1048576).toFixed(1)} Mo : 5 Mo au plus. Réduisez-la ou choisissez-en une autre.`);
      return;
    }
    onPhoto({ data: await readFile(file), label: file.name });
  };
  const openLibrary = async () => {
    setLibrary({ loading: true });
    try {
      const answer = await api('GET', `/v1/federations/${fed}/contents?kind=graphic&limit=30`);
      setLibrary({ items: answer.contents.filter((c) => c.status === 'submitted' || c.status === 'approved') });
    } catch (e) {
      setLibrary({ error: visualMessage(e) });
    }
  };
  const shown = error || localError;
  return html`
    <fieldset class=${'nl-field' + (shown ? ' nl-field-error' : '')} data-field=${spec.name}>
      <legend>${spec.label}${spec.required ? '' : ' (facultatif)'}</legend>
      <p class="nl-hint" id=${`${id}-hint`}>${spec.hint} — JPEG, PNG ou GIF, 5 Mo au plus.</p>
      ${shown && html`<p class="nl-error" id=${`${id}-error`}>${shown}</p>`}
      ${photo && html`<p>Photo choisie : <strong>${photo.label}</strong></p>`}
      <div class="vi-photo-row">
        <label for=${id}>Depuis cet appareil</label>
        <input id=${id} type="file" accept=${catalogue.photo.types.join(',')} onChange=${pick}
          aria-describedby=${`${id}-hint` + (shown ? ` ${id}-error` : '')} />
        <button type="button" class="nl-small" onClick=${openLibrary}>Choisir dans la bibliothèque</button>
        ${photo && html`<button type="button" class="nl-small nl-danger" onClick=${() => onPhoto(null)}>Retirer la photo</button>`}
      </div>
      ${library?.loading && html`<p class="nl-muted" role="status">Chargement de la bibliothèque…</p>`}
      ${library?.error && html`<p class="nl-error">${library.error}</p>`}
      ${library?.items && (library.items.length === 0
        ? html`<p class="nl-muted">Aucune image de la fédération dans la bibliothèque pour l'instant.</p>`
        : html`<ul class="vi-picker" aria-label="Images de la bibliothèque">${library.items.map((c) => html`
            <li><button type="button" class="nl-small" onClick=${() => { onPhoto({ content: { federation: fed, id: c.id }, label: c.title }); setLibrary(null); }}>
              ${c.title}</button></li>`)}</ul>`)}
    </fieldset>`;
}

function useRender(fed, request, ready) {
  const [state, setState] = useState({ url: null, busy: false, error: null });
  const key = JSON.stringify(request);
  const controller = useRef(null);
  useEffect(() => {
    if (!ready) {
      controller.current?.abort();
      setState((s) => ({ ...s, busy: false, error: null }));
      return undefined;
    }
    const timer = setTimeout(async () => {
      controller.current?.abort();
      const mine = new AbortController();
      controller.current = mine;
      setState((s) => ({ ...s, busy: true }));
      try {
        const blob = await apiBlob('POST', `/v1/federations/${fed}/visuals/render`, { ...request, preview: true }, { signal: mine.signal });
        if (mine.signal.aborted) return;
        setState((s) => {
          if (s.url) URL.revokeObjectURL(s.url);
          return { url: URL.createObjectURL(blob), busy: false, error: null };
        });
      } catch (e) {
        if (e.name === 'AbortError' || mine.signal.aborted) return;
        setState((s) => ({ ...s, busy: false, error: e }));
      }
    }, RENDER_AFTER_MS);
    return () => clearTimeout(timer);
  }, [fed, key, ready]);
  useEffect(() => () => { controller.current?.abort(); }, []);
  return state;
}

function LibraryList({ fed, refresh }) {
  const [state, setState] = useState({ loading: true });
  useEffect(() => {
    api('GET', `/v1/federations/${fed}/contents?kind=graphic&limit=10`)
      .then((answer) => setState({ items: answer.contents }))
      .catch((e) => setState({ error: visualMessage(e) }));
  }, [fed, refresh]);
  return html`
    <section class="nl-card" aria-labelledby="vi-library-title">
      <h2 id="vi-library-title">Vos derniers visuels dans la bibliothèque</h2>
      ${state.loading && html`<p class="nl-muted" role="status">Chargement…</p>`}
      ${state.error && html`<p class="nl-error">${state.error}</p>`}
      ${state.items && state.items.length === 0 && html`<p class="nl-muted">Aucun visuel enregistré pour l'instant.</p>`}
      ${state.items && state.items.length > 0 && html`<ul class="vi-library" id="vi-library">
        ${state.items.map((c) => html`<li data-id=${c.id} data-status=${c.status}><strong>${c.title}</strong>
          <span class="nl-muted">${CONTENT_STATES[c.status] || c.status}</span></li>`)}</ul>`}
    </section>`;
}

function SaveForm({ fed, catalogue, request, ready, defaults, onSaved }) {
  const [form, setForm] = useState({ title: '', tags: '', credits: '', holder: defaults.holder, license: 'own-work', confirmed: false });
  const [errors, setErrors] = useState({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(null);
  const savedFor = useRef(null);
  // Set at once, unlike state: a double click's second press finds it and does nothing.
  const submitting = useRef(false);
  const key = JSON.stringify(request);
  const set = (name) => (e) => setForm({ ...form, [name]: e.currentTarget.type === 'checkbox' ? e.currentTarget.checked : e.currentTarget.value });

  // Polls the content until the intake has checked its file.
  useEffect(() => {
    if (!saved || saved.status !== 'awaiting_upload') return undefined;
    const until = Date.now() + POLL_FOR_MS;
    let timer;
    const tick = async () => {
      try {
        const c = await api('GET', `/v1/federations/${fed}/contents/${saved.id}`);
        setSaved(c);
        if (c.status !== 'awaiting_upload') { onSaved(c); return; }
      } catch (e) { /* tried again below */ }
      if (Date.now() < until) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => clearTimeout(timer);
  }, [saved?.id, saved?.status]);

  const submit = async (e) => {
    e.preventDefault();
    if (submitting.current || (saved && savedFor.current === key)) return;
    const found = {};
    if (!form.title.trim()) found.title = 'Donnez un titre : c’est ce qui le fera trouver dans la bibliothèque.';
    if (!form.holder.trim()) found.holder = 'Qui détient les droits de ce qui est montré ?';
    if (!form.confirmed) found.confirmed = 'Cochez la case pour confirmer les droits : sans eux, le visuel ne peut pas être partagé.';
    setErrors(found);
    if (Object.keys(found).length) {
      document.getElementById(`vi-save-${Object.keys(found)[0]}`)?.focus();
      return;
    }
    submitting.current = true;
    setBusy(true);
    try {
      const tags = Array.from(new Set(form.tags.split(',').map((t) => t.trim()).filter(Boolean)));
      const library = { title: form.title.trim(), tags, rights: { holder: form.holder.trim(), license: form.license, confirmed: true } };
      if (form.credits.trim()) library.credits = form.credits.trim();
      const answer = await api('POST', `/v1/federations/${fed}/visuals`, { ...request, library });
      savedFor.current = key;
      setSaved(answer.content);
      onSaved(answer.content);
    } catch (err) {
      const f = err.field || '';
      const map = { 'library.title': 'title', 'library.tags': 'tags', 'library.credits': 'credits', 'library.rights.holder': 'holder',
        'library.rights.license': 'license', 'library.rights.confirmed': 'confirmed' };
      const target = Object.entries(map).find(([k]) => f.startsWith(k));
      setErrors({ [target ? target[1] : 'form']: visualMessage(err) });
    } finally {
      submitting.current = false;
      setBusy(false);
    }
  };
  const already = saved && savedFor.current === key;
  const field = (name, label, hint, input) => html`
    <div class=${'nl-field' + (errors[name] ? ' nl-field-error' : '')}>
      <label for=${`vi-save-${name}`}>${label}</label>
      ${hint && html`<p class="nl-hint" id=${`vi-save-${name}-hint`}>${hint}</p>`}
      ${errors[name] && html`<p class="nl-error" id=${`vi-save-${name}-error`}>${errors[name]}</p>`}
      ${input}
    </div>`;
  const describe = (name, hint) => [hint && `vi-save-${name}-hint`, errors[name] && `vi-save-${name}-error`].filter(Boolean).join(' ') || undefined;
  return html`
    <form class="nl-card" onSubmit=${submit} noValidate aria-labelledby="vi-save-heading">
      <h2 id="vi-save-heading">Enregistrer dans la bibliothèque</h2>
      <p class="nl-hint">Le visuel rejoint la bibliothèque de contenus : après validation, il peut être relayé, mis dans une lettre et sélectionné.</p>
      ${field('title', 'Titre', null, html`<input id="vi-save-title" type="text" maxLength="200" value=${form.title} onInput=${set('title')}
        aria-describedby=${describe('title')} />`)}
      ${field('tags', 'Étiquettes (facultatif)', 'Séparées par des virgules : santé, transports…', html`<input id="vi-save-tags" type="text" value=${form.tags}
        onInput=${set('tags')} aria-describedby=${describe('tags', true)} />`)}
      ${field('credits', 'Crédits (facultatif)', `Par défaut : ${defaults.holder}`, html`<input id="vi-save-credits" type="text" maxLength="200"
        value=${form.credits} onInput=${set('credits')} aria-describedby=${describe('credits', true)} />`)}
      ${field('holder', 'Détenteur des droits', "Qui possède la photo et ce qui est montré (souvent la fédération)", html`<input id="vi-save-holder" type="text"
        maxLength="200" value=${form.holder} onInput=${set('holder')} aria-describedby=${describe('holder', true)} />`)}
      ${field('license', 'Licence', null, html`<select id="vi-save-license" value=${form.license} onChange=${set('license')}>
        ${LICENSES.map(([v, l]) => html`<option value=${v}>${l}</option>`)}</select>`)}
      <div class=${'nl-field' + (errors.confirmed ? ' nl-field-error' : '')}>
        ${errors.confirmed && html`<p class="nl-error" id="vi-save-confirmed-error">${errors.confirmed}</p>`}
        <label class="nl-check"><input id="vi-save-confirmed" type="checkbox" checked=${form.confirmed} onChange=${set('confirmed')}
          aria-describedby=${errors.confirmed ? 'vi-save-confirmed-error' : undefined} />
          Je confirme que la fédération détient les droits de ce que montre le visuel (la photo, et l'accord des personnes reconnaissables), pour que toutes les fédérations puissent le relayer.</label>
      </div>
      ${errors.form && html`<p class="nl-error" role="alert">${errors.form}</p>`}
      <div class="nl-actions">
        <button type="submit" class="nl-primary" id="vi-save" disabled=${busy || !ready || already}>
          ${busy ? 'Enregistrement…' : already ? 'Enregistré' : 'Enregistrer dans la bibliothèque'}</button>
      </div>
      <p role="status" aria-live="polite" data-saved-status=${saved ? saved.status : ''}>
        ${saved && `« ${saved.title} » : ${CONTENT_STATES[saved.status] || saved.status}${saved.status === 'rejected' && saved.rejection ? ` (${saved.rejection.reason})` : ''}.`}</p>
    </form>`;
}

export default function View({ fed }) {
  useLetterStyles();
  const [catalogue, setCatalogue] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [templateId, setTemplateId] = useState('quote');
  const [format, setFormat] = useState('1080x1350');
  const [values, setValues] = useState({});
  const [photos, setPhotos] = useState({});
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState(null);
  const [libraryVersion, setLibraryVersion] = useState(0);

  const load = () => {
    setLoadError(null);
    api('GET', `/v1/federations/${fed}/visuals/templates`).then(setCatalogue).catch((e) => setLoadError(visualMessage(e)));
  };
  useEffect(load, [fed]);

  const template = catalogue?.templates.find((t) => t.id === templateId) || catalogue?.templates[0];
  const request = useMemo(() => (template ? { template: template.id, format, fields: fieldsFor(template, values, photos) } : null),
    [template, format, values, photos]);
  const missingFields = template ? template.fields.filter((f) => f.required && !request.fields[f.name]) : [];
  const overLimit = template ? template.fields.some((f) => f.maxLength && visibleLength(values[f.name]) > f.maxLength[format]) : false;
  const ready = !!template && missingFields.length === 0 && !overLimit;
  const render = useRender(fed, request, ready);
  const apiError = render.error;
  const errorField = apiError ? fieldName(apiError.field) : null;
  const errorFor = (spec) => (apiError && errorField === spec.name ? visualMessage(apiError, spec, format) : null);

  const download = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      const blob = await apiBlob('POST', `/v1/federations/${fed}/visuals/render`, request);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = `visuel-${request.template}-${request.format}.png`;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    } catch (e) {
      setDownloadError(visualMessage(e));
    } finally {
      setDownloading(false);
    }
  };

  if (loadError) {
    return html`<div class="nl-page"><h1>Visuels</h1><div class="nl-card" role="alert"><p>Les modèles n'ont pas pu être chargés : ${loadError}</p>
      <button type="button" onClick=${load}>Réessayer</button></div></div>`;
  }
  if (!catalogue) {
    return html`<div class="nl-page"><h1>Visuels</h1><p role="status" class="nl-muted">Chargement des modèles…</p></div>`;
  }
  const formatLabel = catalogue.formats.find((f) => f.id === format);
  return html`
    <div class="nl-page">
      <h1>Visuels</h1>
      <p class="nl-hint">Une image aux couleurs du parti pour les réseaux sociaux : choisissez un modèle, écrivez, l'aperçu se met à jour.</p>
      <div class="vi-layout">
        <div class="nl-main">
          <section class="nl-card" aria-labelledby="vi-make-title">
            <h2 id="vi-make-title">Modèle et format</h2>
            <fieldset class="vi-templates">
              <legend>Modèle</legend>
              ${catalogue.templates.map((t) => html`<label class="vi-choice">
                <input type="radio" name="vi-template" value=${t.id} checked=${t.id === template.id} onChange=${() => setTemplateId(t.id)} />
                <span><strong>${t.label}</strong><small>${t.description}</small></span></label>`)}
            </fieldset>
            <fieldset class="vi-formats">
              <legend>Format</legend>
              ${catalogue.formats.map((f) => html`<label class="vi-choice">
                <input type="radio" name="vi-format" value=${f.id} checked=${f.id === format} onChange=${() => setFormat(f.id)} />
                <span><strong>${f.label}</strong><small>${f.width} × ${f.height}</small></span></label>`)}
            </fieldset>
          </section>
          <section class="nl-card" aria-labelledby="vi-fields-title">
            <h2 id="vi-fields-title">Textes${template.fields.some((f) => f.kind === 'photo') ? ' et photo' : ''}</h2>
            ${template.fields.map((spec) => (spec.kind === 'photo'
              ? html`<${PhotoField} key=${`${template.id}-${spec.name}`} spec=${spec} fed=${fed} catalogue=${catalogue} photo=${photos[spec.name]}
                  error=${errorFor(spec)} onPhoto=${(p) => setPhotos({ ...photos, [spec.name]: p || undefined })} />`
              : html`<${TextField} key=${`${template.id}-${spec.name}`} spec=${spec} format=${format} value=${values[spec.name]}
                  error=${errorFor(spec)} onInput=${(v) => setValues({ ...values, [spec.name]: v })} />`))}
          </section>
        </div>
        <div class="nl-main vi-side">
          <section class="nl-card" aria-labelledby="vi-preview-title">
            <h2 id="vi-preview-title">Aperçu</h2>
            <div class="vi-preview" data-busy=${render.busy ? 'true' : 'false'}>
              ${!ready && html`<p class="nl-muted">${overLimit ? 'Un texte est trop long pour ce format : raccourcissez-le pour voir l’aperçu.'
                : `Remplissez ${missingFields.map((f) => `« ${f.label} »`).join(', ')} pour voir l'aperçu.`}</p>`}
              ${ready && render.url && html`<img id="vi-preview-image" src=${render.url}
                alt=${`Aperçu du visuel « ${template.label} », ${formatLabel?.label || format}`} />`}
              ${ready && !render.url && !apiError && html`<p class="nl-muted" role="status">Dessin de l'aperçu…</p>`}
            </div>
            <p role="status" aria-live="polite" class="nl-muted">${ready && render.busy ? "Mise à jour de l'aperçu…" : ''}</p>
            ${apiError && !template.fields.some((f) => f.name === errorField) && html`<p class="nl-error" role="alert">${visualMessage(apiError)}</p>`}
            ${apiError && template.fields.some((f) => f.name === errorField) && html`<p class="nl-error" role="alert">
              L'aperçu n'a pas pu être dessiné : voyez le champ « ${template.fields.find((f) => f.name === errorField).label} ».</p>`}
            <div class="nl-actions">
              <button type="button" id="vi-download" onClick=${download} disabled=${!ready || downloading || !!apiError}>
                ${downloading ? 'Préparation…' : 'Télécharger le PNG'}</button>
            </div>
            ${downloadError && html`<p class="nl-error" role="alert">${downloadError}</p>`}
          </section>
          <${SaveForm} fed=${fed} catalogue=${catalogue} request=${request} ready=${ready && !apiError}
            defaults=${{ holder: catalogue.brand?.federation || '' }} onSaved=${() => setLibraryVersion((v) => v + 1)} />
          <${LibraryList} fed=${fed} refresh=${libraryVersion} />
        </div>
      </div>
    </div>`;
}
