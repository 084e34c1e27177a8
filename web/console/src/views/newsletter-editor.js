// #/f/{fed}/lettres/{id}: a newsletter's editor (subject, preheader, blocks, audience), its live preview at desktop and
// phone widths, the deliverability hints, the test send, then scheduling, sending and the progress.
//
// Nothing typed is lost: every change is kept at once in this browser (localStorage) and saved to the API a moment
// later (PATCH); when a save fails the page says so, keeps the text, and tries again. Coming back to the page
// puts back what had not reached the API.
import { html, useCallback, useEffect, useMemo, useRef, useState } from '../../vendor/htm-preact.js';
import { api, apiBlob } from '../api.js';
import { Audience } from '../newsletter/audience.js';
import { BlockList, forApi, keyed, missing } from '../newsletter/blocks.js';
import { hints } from '../newsletter/hints.js';
import { refusal, stateLabel } from '../newsletter/labels.js';
import { Preview } from '../newsletter/preview.js';
import { Progress, SendPanel } from '../newsletter/sending.js';
import { useLetterStyles } from '../newsletter/styles.js';

const SAVE_AFTER_MS = 800;
const RETRY_MS = [3000, 10000, 30000];

function storageKey(fed, id) {
  return `eterrain:lettre:${fed}:${id}`;
}

function fromServer(nl) {
  return {
    subject: nl.subject || '',
    preheader: nl.preheader || '',
    blocks: (nl.blocks || []).map(keyed),
    segment: {
      categories: nl.segment?.categories || [],
      tags: nl.segment?.tags || [],
      postalCodePrefixes: nl.segment?.postalCodePrefixes || [],
    },
  };
}

export function body(draft) {
  const b = { subject: draft.subject.trim(), blocks: forApi(draft.blocks), segment: draft.segment };
  b.preheader = draft.preheader.trim() ? draft.preheader.trim() : null;
  return b;
}

const same = (a, b) => JSON.stringify(body(a)) === JSON.stringify(body(b));

function readLocal(fed, id) {
  try {
    return JSON.parse(localStorage.getItem(storageKey(fed, id)) || 'null');
  } catch (e) {
    return null;
  }
}

/** Keeps the draft in this browser; false when it cannot (private browsing, storage full). */
function writeLocal(fed, id, draft) {
  try {
    localStorage.setItem(storageKey(fed, id), JSON.stringify({ draft: { ...draft, blocks: forApi(draft.blocks) }, at: Date.now() }));
    return true;
  } catch (e) {
    return false;
  }
}

function clearLocal(fed, id) {
  try { localStorage.removeItem(storageKey(fed, id)); } catch (e) { /* nothing kept */ }
}

function clientErrors(draft) {
  const out = missing(draft.blocks);
  if (!draft.subject.trim()) out.subject = "Écrivez l'objet : c'est ce que les gens voient dans leur boîte.";
  return out;
}

function SaveStatus({ state, savedAt, error, onRetry }) {
  const time = savedAt ? savedAt.toLocaleTimeString('fr-FR', { hour: '2-digit', minute: '2-digit' }) : '';
  const text = {
    saved: savedAt ? `Enregistré à ${time}.` : 'Enregistré.',
    dirty: 'Modifications en attente d’enregistrement…',
    saving: 'Enregistrement…',
    incomplete: 'Gardé sur cet appareil : complétez les champs signalés pour enregistrer.',
    failed: `Pas encore enregistré : ${(error || '').replace(/[.\s]+$/, '')}. Vos modifications restent sur cet appareil.`,
  }[state];
  return html`
    <div class=${`nl-save nl-save-${state}`} data-save-state=${state}>
      <p role="status" aria-live="polite">${text}</p>
      ${state === 'failed' && html`<button type="button" class="nl-small" onClick=${onRetry}>Réessayer maintenant</button>`}
    </div>`;
}

function Hints({ list }) {
  return html`
    <section class="nl-card" aria-labelledby="nl-hints-title">
      <h2 id="nl-hints-title">Avant l'envoi</h2>
      ${list.length === 0
        ? html`<p class="nl-ok" data-hints="0">Rien à signaler : objet parlant, assez de texte, liens sûrs.</p>`
        : html`<ul class="nl-hints" data-hints=${list.length}>
            ${list.map((h) => html`<li class=${`nl-hint-${h.level}`} data-hint=${h.id}>${h.text}</li>`)}
          </ul>`}
    </section>`;
}

function TestSend({ fed, id, me, flush }) {
  const [state, setState] = useState({ busy: false });
  const email = me?.email;
  const send = async () => {
    setState({ busy: true });
    try {
      await flush();
      const answer = await api('POST', `/v1/federations/${fed}/newsletters/${id}/test`, { addresses: [email] });
      setState(answer.sent > 0
        ? { ok: `Test envoyé à ${email}. Il arrive dans quelques instants, l'objet commence par [TEST].` }
        : { error: `Le test n'est pas parti : l'adresse ${email} est bloquée pour les envois (un message précédent a rebondi ou a été signalé comme indésirable).` });
    } catch (e) {
      setState({ error: e.status === 429 ? 'Beaucoup de tests envoyés cette heure-ci : réessayez plus tard.' : (e.status ? refusal(e) : e.message) });
    }
  };
  return html`
    <section class="nl-card" aria-labelledby="nl-test-title">
      <h2 id="nl-test-title">Test</h2>
      <p class="nl-hint">Recevez la lettre comme vos lecteurs la recevront, pour la relire sur votre téléphone.</p>
      <button type="button" id="nl-test" onClick=${send} disabled=${state.busy || !email}>
        ${state.busy ? 'Envoi du test…' : `M'envoyer un test (${email || 'adresse inconnue'})`}</button>
      <p role="status" aria-live="polite" class=${state.error ? 'nl-error' : 'nl-ok'} data-test-result=${state.ok ? 'sent' : state.error ? 'error' : ''}>
        ${state.ok || state.error || ''}</p>
    </section>`;
}

function usePreview(fed, id, version) {
  const [source, setSource] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    if (!version) return undefined;
    const controller = new AbortController();
    apiBlob('GET', `/v1/federations/${fed}/newsletters/${id}/preview`, undefined, { signal: controller.signal })
      .then((blob) => blob.text())
      .then((text) => { setSource(text); setError(null); })
      .catch((e) => { if (e.name !== 'AbortError') setError(refusal(e)); });
    return () => controller.abort();
  }, [fed, id, version]);
  return { source, error };
}

function Editor({ fed, nl: initial, me, canSend, onNl }) {
  const [nl, setNlHere] = useState(initial);
  const setNl = (next) => { setNlHere(next); onNl(next); };
  const [draft, setDraft] = useState(() => fromServer(initial));
  const [save, setSave] = useState({ state: 'saved', savedAt: null, error: null });
  const [serverErrors, setServerErrors] = useState({});
  const [touched, setTouched] = useState({});
  const [restored, setRestored] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [mode, setMode] = useState('desktop');
  const [previewVersion, setPreviewVersion] = useState(1);
  const saved = useRef(fromServer(initial));
  const current = useRef(draft);
  const inFlight = useRef(null);
  const timer = useRef(null);
  const retries = useRef(0);
  const keptLocally = useRef(true);
  current.current = draft;

  // Put back what had not reached the API, from this browser.
  useEffect(() => {
    const local = readLocal(fed, initial.id);
    if (local && local.draft && initial.state === 'draft') {
      const draftLocal = { ...local.draft, preheader: local.draft.preheader || '', blocks: (local.draft.blocks || []).map(keyed) };
      if (!same(draftLocal, saved.current)) {
        setDraft(draftLocal);
        setRestored(true);
        setSave((s) => ({ ...s, state: 'dirty' }));
        return;
      }
    }
    clearLocal(fed, initial.id);
  }, []);

  const errors = useMemo(() => {
    const client = clientErrors(draft);
    const shown = {};
    for (const [field, text] of Object.entries(client)) if (touched[field] || touched.all) shown[field] = text;
    for (const h of hints(draft)) if (h.field && /^blocks\[\d+\]\.(url|link|markdown)$/.test(h.field) && /https/.test(h.text)) shown[h.field] = h.text;
    return { ...shown, ...serverErrors };
  }, [draft, touched, serverErrors]);

  const saveNow = useCallback(async () => {
    clearTimeout(timer.current);
    if (inFlight.current) {
      await inFlight.current.catch(() => {});
      return saveNow();
    }
    const sending = current.current;
    if (same(sending, saved.current)) {
      clearLocal(fed, nl.id);
      setSave((s) => ({ ...s, state: 'saved' }));
      return undefined;
    }
    if (Object.keys(clientErrors(sending)).length > 0) {
      setSave((s) => ({ ...s, state: 'incomplete' }));
      const err = new Error('Complétez les champs signalés en rouge.');
      err.incomplete = true;
      throw err;
    }
    setSave((s) => ({ ...s, state: 'saving' }));
    const run = (async () => {
      try {
        const updated = await api('PATCH', `/v1/federations/${fed}/newsletters/${nl.id}`, body(sending));
        saved.current = sending;
        retries.current = 0;
        setServerErrors({});
        setNl(updated);
        setPreviewVersion((v) => v + 1);
        if (same(current.current, sending)) {
          clearLocal(fed, nl.id);
          setSave({ state: 'saved', savedAt: new Date(), error: null });
        } else {
          setSave({ state: 'dirty', savedAt: new Date(), error: null });
        }
      } catch (e) {
        const text = refusal(e);
        setSave((s) => ({ ...s, state: 'failed', error: text }));
        if (e.field) setServerErrors({ [e.field]: text });
        if (!e.status || e.status >= 500 || e.status === 429) {
          const wait = RETRY_MS[Math.min(retries.current++, RETRY_MS.length - 1)];
          timer.current = setTimeout(() => saveNow().catch(() => {}), wait);
        }
        throw e;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    await run;
    // Changes typed while that save was on its way.
    if (!same(current.current, saved.current)) return saveNow();
    return undefined;
  }, [fed, nl.id]);

  const change = (next, message) => {
    setDraft(next);
    keptLocally.current = writeLocal(fed, nl.id, next);
    setSave((s) => ({ ...s, state: s.state === 'failed' ? 'failed' : 'dirty' }));
    if (message) setAnnounce(message);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => saveNow().catch(() => {}), SAVE_AFTER_MS);
  };
  useEffect(() => () => clearTimeout(timer.current), []);
  useEffect(() => {
    if (restored) { timer.current = setTimeout(() => saveNow().catch(() => {}), SAVE_AFTER_MS); }
  }, [restored]);
  useEffect(() => {
    // Leaving with unsaved changes the browser could not keep: the only case where leaving would lose them.
    const warn = (e) => {
      if (!keptLocally.current && !same(current.current, saved.current)) { e.preventDefault(); e.returnValue = ''; }
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, []);

  /** Saves now; rejects with a message when the draft cannot be saved (before a test or a send). */
  const flush = useCallback(async () => {
    setTouched((t) => ({ ...t, all: true }));
    try {
      await saveNow();
    } catch (e) {
      throw new Error(e.incomplete ? e.message : `La lettre n'est pas enregistrée (${refusal(e)}) : réessayez.`);
    }
  }, [saveNow]);

  const touch = (e) => setTouched((t) => ({ ...t, [fieldOf(e.currentTarget.id)]: true }));
  const list = hints(draft);
  const { source, error: previewError } = usePreview(fed, nl.id, previewVersion);
  const editable = nl.state === 'draft';
  const stale = save.state !== 'saved';

  if (!editable) {
    return html`
      <div class="nl-layout">
        <div class="nl-main">
          <${Progress} fed=${fed} nl=${nl} onUpdate=${setNl} canSend=${canSend} />
          <section class="nl-card"><h2>Contenu</h2><p><strong>Objet :</strong> ${nl.subject}</p>
            ${nl.preheader && html`<p><strong>Texte d'aperçu :</strong> ${nl.preheader}</p>`}
            <p class="nl-muted">Une lettre ${stateLabel(nl.state).toLowerCase()} ne se modifie plus.</p></section>
        </div>
        <${PreviewPane} source=${source} error=${previewError} mode=${mode} setMode=${setMode} stale=${false} />
      </div>`;
  }

  const subjectError = errors.subject;
  return html`
    <div class="nl-layout">
      <div class="nl-main">
        <${SaveStatus} ...${save} onRetry=${() => saveNow().catch(() => {})} />
        ${restored && html`<div class="nl-notice" role="status">
          <p>Des modifications qui n'avaient pas été enregistrées ont été retrouvées sur cet appareil et remises en place.</p>
          <button type="button" class="nl-small" onClick=${() => { const s = fromServer(nl); setDraft(s); clearLocal(fed, nl.id); setRestored(false); setSave((x) => ({ ...x, state: 'saved' })); }}>
            Revenir à la version enregistrée</button></div>`}
        <p class="nl-visually-hidden" aria-live="polite">${announce}</p>
        <section class="nl-card" aria-labelledby="nl-content-title">
          <h2 id="nl-content-title">Contenu</h2>
          <div class=${'nl-field' + (subjectError ? ' nl-field-error' : '')}>
            <label for="nl-subject">Objet</label>
            <p class="nl-hint" id="nl-subject-hint">Ce que les gens lisent dans leur boîte : dites le sujet.</p>
            ${subjectError && html`<p class="nl-error" id="nl-subject-error">${subjectError}</p>`}
            <input id="nl-subject" type="text" maxLength="200" value=${draft.subject} autocomplete="off"
              aria-describedby=${'nl-subject-hint' + (subjectError ? ' nl-subject-error' : '')} aria-invalid=${subjectError ? 'true' : undefined}
              onInput=${(e) => change({ ...draft, subject: e.currentTarget.value })} onBlur=${touch} />
          </div>
          <div class=${'nl-field' + (errors.preheader ? ' nl-field-error' : '')}>
            <label for="nl-preheader">Texte d'aperçu (facultatif)</label>
            <p class="nl-hint" id="nl-preheader-hint">La phrase que beaucoup de messageries montrent après l'objet.</p>
            ${errors.preheader && html`<p class="nl-error">${errors.preheader}</p>`}
            <input id="nl-preheader" type="text" maxLength="200" value=${draft.preheader} autocomplete="off"
              aria-describedby="nl-preheader-hint" onInput=${(e) => change({ ...draft, preheader: e.currentTarget.value })} />
          </div>
          <${BlockList} blocks=${draft.blocks} errors=${errors} onBlur=${touch}
            onBlocks=${(blocks, message) => change({ ...draft, blocks }, message)} />
        </section>
        <${Audience} fed=${fed} segment=${draft.segment} errors=${errors}
          onSegment=${(segment) => change({ ...draft, segment })} />
        <${Hints} list=${list} />
        <${TestSend} fed=${fed} id=${nl.id} me=${me} flush=${flush} />
        ${canSend
          ? html`<${SendPanel} fed=${fed} draft=${{ id: nl.id, subject: draft.subject }} segment=${draft.segment} flush=${flush}
              onSent=${(updated) => { clearLocal(fed, nl.id); setNl(updated); }} />`
          : html`<section class="nl-card" aria-labelledby="nl-send-title"><h2 id="nl-send-title">Envoi</h2>
              <p data-no-send>L'envoi et la programmation sont réservés aux personnes qui en ont reçu le droit.
              Quand la lettre est prête, prévenez votre coordinateur ou coordinatrice : elle est enregistrée ici.</p></section>`}
      </div>
      <${PreviewPane} source=${source} error=${previewError} mode=${mode} setMode=${setMode} stale=${stale} />
    </div>`;
}

function fieldOf(id) {
  const m = /^nl-b(\d+)-(\w+)$/.exec(id || '');
  if (m) return `blocks[${m[1]}].${m[2]}`;
  return (id || '').replace(/^nl-/, '');
}

function PreviewPane({ source, error, mode, setMode, stale }) {
  return html`
    <aside class="nl-side" aria-labelledby="nl-preview-title">
      <div class="nl-card nl-preview">
        <h2 id="nl-preview-title">Aperçu</h2>
        <div class="nl-toggle" role="group" aria-label="Largeur de l'aperçu">
          <button type="button" aria-pressed=${mode === 'desktop' ? 'true' : 'false'} id="nl-preview-desktop"
            onClick=${() => setMode('desktop')}>Ordinateur</button>
          <button type="button" aria-pressed=${mode === 'mobile' ? 'true' : 'false'} id="nl-preview-mobile"
            onClick=${() => setMode('mobile')}>Téléphone</button>
        </div>
        ${stale && html`<p class="nl-muted">L'aperçu montre la dernière version enregistrée.</p>`}
        ${error ? html`<p class="nl-error" role="alert">L'aperçu n'a pas pu être chargé : ${error}</p>`
          : html`<${Preview} source=${source} mode=${mode} stale=${stale} />`}
      </div>
    </aside>`;
}

export default function View({ fed, params, me }) {
  useLetterStyles();
  const id = params?.id;
  const [state, setState] = useState({ loading: true });
  const load = useCallback(() => {
    setState({ loading: true });
    api('GET', `/v1/federations/${fed}/newsletters/${id}`)
      .then((nl) => setState({ nl }))
      .catch((e) => setState({ error: e }));
  }, [fed, id]);
  useEffect(load, [load]);
  const canSend = (me?.permissions || []).includes('newsletters:send');
  const [shown, setShown] = useState(null);
  useEffect(() => setShown(state.nl || null), [state.nl]);
  return html`
    <div class="nl-page">
      <p class="nl-back"><a href=${`#/f/${fed}/lettres`}>← Toutes les lettres</a></p>
      <h1>${shown ? (shown.state === 'draft' ? 'Modifier la lettre' : `Lettre « ${shown.subject} »`) : 'Lettre'}</h1>
      ${state.loading && html`<p role="status" class="nl-muted">Chargement de la lettre…</p>`}
      ${state.error && html`<div class="nl-card" role="alert"><p>${state.error.status === 404 ? "Cette lettre n'existe pas (ou plus)." : `La lettre n'a pas pu être chargée : ${refusal(state.error)}`}</p>
        <button type="button" onClick=${load}>Réessayer</button></div>`}
      ${state.nl && html`<${Editor} key=${state.nl.id} fed=${fed} nl=${state.nl} me=${me} canSend=${canSend} onNl=${setShown} />`}
    </div>`;
}
