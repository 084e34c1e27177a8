// #/f/{fed}/lettres: the federation's newsletters with their states, and a new draft.
import { html, useCallback, useEffect, useRef, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { number, parisDateTime, refusal, shortDate, stateLabel } from '../newsletter/labels.js';
import { useLetterStyles } from '../newsletter/styles.js';

const FILTERS = [
  ['all', 'Toutes'],
  ['draft', 'Brouillons'],
  ['planned', 'Programmées et en cours'],
  ['sent', 'Envoyées'],
];

function matches(filter, nl) {
  if (filter === 'all') return true;
  if (filter === 'planned') return ['scheduled', 'sending', 'paused'].includes(nl.state);
  if (filter === 'sent') return nl.state === 'sent' || nl.state === 'cancelled';
  return nl.state === filter;
}

function when(nl) {
  if (nl.state === 'scheduled') return `Départ prévu le ${parisDateTime(nl.scheduledAt)}`;
  if (nl.state === 'sending') {
    const p = nl.progress || {};
    const done = (p.sent || 0) + (p.failed || 0) + (p.suppressed || 0);
    return p.total ? `${number(done)} sur ${number(p.total)} envoyés` : 'Préparation de l’envoi';
  }
  if (nl.state === 'sent') return `Envoyée le ${shortDate(nl.finishedAt || nl.startedAt)} à ${number(nl.progress?.sent)} personnes`;
  if (nl.state === 'cancelled') return `Annulée le ${shortDate(nl.finishedAt || nl.updatedAt)}`;
  if (nl.state === 'paused') return nl.stateReason || 'Envoi en pause';
  return `Modifiée le ${shortDate(nl.updatedAt)}`;
}

/** A first draft the person then rewrites: the API takes no empty letter. */
function starter() {
  return {
    subject: 'Nouvelle lettre',
    blocks: [
      { type: 'heading', text: 'Votre titre' },
      { type: 'text', markdown: 'Bonjour {{firstName}},\n\nÉcrivez ici votre message.' },
    ],
  };
}

export default function View({ fed, navigate }) {
  useLetterStyles();
  const [state, setState] = useState({ loading: true });
  const [filter, setFilter] = useState('all');
  const [creating, setCreating] = useState(false);
  const [createError, setCreateError] = useState(null);
  const load = useCallback(() => {
    setState((s) => ({ ...s, loading: true, error: null }));
    api('GET', `/v1/federations/${fed}/newsletters`)
      .then((answer) => setState({ items: answer.newsletters }))
      .catch((e) => setState({ error: e }));
  }, [fed]);
  useEffect(load, [load]);

  const once = useRef(false);
  const create = async () => {
    if (once.current) return; // a double click makes one letter
    once.current = true;
    setCreating(true);
    setCreateError(null);
    try {
      const nl = await api('POST', `/v1/federations/${fed}/newsletters`, starter());
      const target = `#/f/${fed}/lettres/${nl.id}`;
      if (navigate) navigate(target); else window.location.hash = target;
    } catch (e) {
      setCreateError(refusal(e));
      once.current = false;
      setCreating(false);
    }
  };

  const items = (state.items || []).filter((nl) => matches(filter, nl));
  return html`
    <div class="nl-page">
      <div class="nl-title-row">
        <h1>Lettres d'information</h1>
        <button type="button" class="nl-primary" id="nl-new" onClick=${create} disabled=${creating}>
          ${creating ? 'Création…' : 'Nouvelle lettre'}</button>
      </div>
      ${createError && html`<p class="nl-error" role="alert">La lettre n'a pas pu être créée : ${createError}</p>`}
      ${state.loading && !state.items && html`<p role="status" class="nl-muted">Chargement des lettres…</p>`}
      ${state.error && html`<div class="nl-card" role="alert">
        <p>Les lettres n'ont pas pu être chargées : ${refusal(state.error)}</p>
        <button type="button" onClick=${load}>Réessayer</button></div>`}
      ${state.items && state.items.length === 0 && html`<div class="nl-card nl-empty">
        <h2>Aucune lettre pour l'instant</h2>
        <p>Une lettre d'information garde le lien avec vos sympathisants : une actualité, un rendez-vous, un appel à agir.
          Commencez par « Nouvelle lettre » : vous verrez l'aperçu à mesure que vous écrivez, et vous pourrez vous l'envoyer en test.</p>
      </div>`}
      ${state.items && state.items.length > 0 && html`
        <div class="nl-filters" role="group" aria-label="Afficher">
          ${FILTERS.map(([id, label]) => html`<button type="button" aria-pressed=${filter === id ? 'true' : 'false'}
            onClick=${() => setFilter(id)}>${label} (${state.items.filter((nl) => matches(id, nl)).length})</button>`)}
        </div>
        ${items.length === 0 ? html`<p class="nl-muted">Aucune lettre dans cette catégorie.</p>` : html`
        <ul class="nl-list">
          ${items.map((nl) => html`
            <li class="nl-list-item" data-id=${nl.id} data-state=${nl.state}>
              <div class="nl-list-main">
                <a href=${`#/f/${fed}/lettres/${nl.id}`} class="nl-list-subject">${nl.subject}</a>
                <p class="nl-muted">${when(nl)}</p>
              </div>
              <span class=${`nl-badge nl-badge-${nl.state}`}>${stateLabel(nl.state)}</span>
              ${(nl.state === 'sent' || nl.state === 'sending') && html`<a class="nl-list-stats"
                href=${`#/f/${fed}/lettres/${nl.id}/stats`} aria-label=${`Statistiques de « ${nl.subject} »`}>Statistiques</a>`}
            </li>`)}
        </ul>`}`}
    </div>`;
}
