// The contacts: search by exact address or by name, filters, pages, and tagging many at once.
import { html, useState } from '../ui.js';
import { api, query } from '../api.js';
import { messageFor } from '../messages.js';
import { useResource } from '../hooks.js';
import { can } from '../session.js';
import { Field } from '../components/field.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Resource, Empty, Notice } from '../components/states.js';

export const CATEGORIES = { militant: 'Militant·e', sympathisant: 'Sympathisant·e', curieux: 'Curieux·se' };
export const STATUSES = { active: 'Inscrit·e', pending: 'En attente de confirmation', unsubscribed: 'Désinscrit·e' };
const STATUS_BADGE = { active: 'badge-ok', pending: 'badge-warn', unsubscribed: 'badge-bad' };

export function StatusBadge({ status }) {
  return html`<span class=${'badge ' + (STATUS_BADGE[status] || '')}>${STATUSES[status] || status}</span>`;
}

/** The list's query, from the address (so a filtered page can be bookmarked, and Back works). */
function apiQuery(params) {
  const q = (params.q || '').trim();
  return {
    email: q.includes('@') ? q : undefined,
    name: q && !q.includes('@') ? q : undefined,
    category: params.categorie,
    status: params.statut,
    tag: params.etiquette,
    postalCodePrefix: params.cp,
    cursor: params.suite,
    limit: 50,
  };
}

/** Which field of the search form an API refusal names. */
const FIELD_OF = { email: 'contacts-q', name: 'contacts-q', tag: 'contacts-tag', postalCodePrefix: 'contacts-cp',
  category: 'contacts-category', status: 'contacts-status' };

function Search({ fed, params, navigate, error }) {
  const [v, setV] = useState({ q: params.q || '', categorie: params.categorie || '', statut: params.statut || '',
    etiquette: params.etiquette || '', cp: params.cp || '' });
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const submit = (event) => {
    event.preventDefault();
    navigate('/f/' + fed + '/contacts' + query(v));
  };
  const fieldError = (id) => (error && FIELD_OF[error.field] === id ? messageFor(error) : null);
  return html`<form class="card" onSubmit=${submit} role="search" aria-label="Rechercher des contacts">
    <${Field} id="contacts-q" label="Rechercher" hint="L'adresse électronique exacte, ou un nom ou prénom"
      type="search" value=${v.q} onInput=${set('q')} error=${fieldError('contacts-q')} autocomplete="off" />
    <div class="filters">
      <${Field} id="contacts-category" label="Catégorie" as="select" value=${v.categorie} onChange=${set('categorie')}>
        <option value="">Toutes</option>${Object.entries(CATEGORIES).map(([k, l]) => html`<option value=${k}>${l}</option>`)}<//>
      <${Field} id="contacts-status" label="Statut" as="select" value=${v.statut} onChange=${set('statut')}>
        <option value="">Tous</option>${Object.entries(STATUSES).map(([k, l]) => html`<option value=${k}>${l}</option>`)}<//>
      <${Field} id="contacts-tag" label="Étiquette" value=${v.etiquette} onInput=${set('etiquette')} error=${fieldError('contacts-tag')} />
      <${Field} id="contacts-cp" label="Code postal" hint="Le début suffit : 06 ou 0610" value=${v.cp} onInput=${set('cp')}
        inputmode="numeric" error=${fieldError('contacts-cp')} />
    </div>
    <div class="actions"><button class="button" type="submit">Rechercher</button>
      ${Object.values(v).some(Boolean) ? html`<a class="button link" href=${'#/f/' + fed + '/contacts'}>Tout effacer</a>` : null}</div>
  </form>`;
}

function TagMany({ fed, selected, contacts, onDone }) {
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(null);
  const [errors, setErrors] = useState([]);
  const apply = async (event) => {
    event.preventDefault();
    const name = tag.trim();
    if (!name || name.length > 50) {
      setErrors([{ field: 'tag-many', message: 'Saisissez une étiquette de 1 à 50 caractères.' }]);
      return;
    }
    setErrors([]);
    const chosen = contacts.filter((c) => selected.has(c.id));
    const failed = [];
    for (let i = 0; i < chosen.length; i++) {
      setBusy({ done: i, total: chosen.length });
      const c = chosen[i];
      if (c.tags.includes(name)) continue;
      try {
        await api('PATCH', '/v1/federations/' + encodeURIComponent(fed) + '/contacts/' + encodeURIComponent(c.id), { tags: [...c.tags, name] });
      } catch (e) {
        failed.push(c.email + ' : ' + messageFor(e));
      }
    }
    setBusy(null);
    if (failed.length) setErrors([{ field: null, message: failed.length + ' contact(s) non étiqueté(s). ' + failed.join(' ; ') }]);
    onDone(name, chosen.length - failed.length);
  };
  return html`<form class="card" onSubmit=${apply} aria-label="Étiqueter la sélection">
    <${ErrorSummary} errors=${errors} />
    <${Field} id="tag-many" label=${'Ajouter une étiquette aux ' + selected.size + ' contacts choisis'} value=${tag}
      onInput=${(e) => setTag(e.currentTarget.value)} error=${(errors.find((e) => e.field === 'tag-many') || {}).message} />
    <div class="actions"><button class="button" type="submit" disabled=${!!busy}>
      ${busy ? 'Étiquetage… ' + busy.done + ' / ' + busy.total : 'Étiqueter'}</button></div>
  </form>`;
}

export default function Contacts({ fed, params, me, navigate }) {
  const q = apiQuery(params);
  const key = JSON.stringify(q);
  const list = useResource((signal) => api('GET', '/v1/federations/' + encodeURIComponent(fed) + '/contacts' + query(q), null, { signal }), [fed, key]);
  const [selected, setSelected] = useState(new Set());
  const [notice, setNotice] = useState(params.efface ? 'Le contact a été effacé.' : '');
  const writer = can(me, 'contacts:write');
  const toggle = (id) => {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id); else next.add(id);
    setSelected(next);
  };
  const filtered = ['q', 'categorie', 'statut', 'etiquette', 'cp'].some((k) => params[k]);
  const searchError = list.error && list.error.status === 400 ? list.error : null;
  return html`<div>
    <div class="page-head"><h1>Contacts</h1>
      ${writer ? html`<a class="button" href=${'#/f/' + fed + '/import'}>Importer un fichier</a>` : null}</div>
    <${Search} key=${key} fed=${fed} params=${params} navigate=${navigate} error=${searchError} />
    <${Notice}>${notice}<//>
    ${searchError ? null : html`<${Resource} resource=${list} loading="Chargement des contacts…">${(data) => {
      const contacts = data.contacts;
      if (!contacts.length) {
        return html`<${Empty} title=${filtered ? 'Aucun contact ne correspond à cette recherche.' : "Pas encore de contact."}>
          ${filtered ? html`<p>Vérifiez l'orthographe, ou retirez un filtre.</p>`
            : html`<p>Les contacts arrivent par le formulaire de votre site ou par un import.</p>`}<//>`;
      }
      const all = contacts.every((c) => selected.has(c.id));
      return html`
        ${writer && selected.size ? html`<${TagMany} fed=${fed} selected=${selected} contacts=${contacts}
          onDone=${(tag, n) => { setNotice(`Étiquette « ${tag} » ajoutée à ${n} contact${n > 1 ? 's' : ''}.`); setSelected(new Set()); list.reload(); }} />` : null}
        <table class="table stack contacts-table">
          <caption>${contacts.length} contact${contacts.length > 1 ? 's' : ''} sur cette page</caption>
          <thead><tr>
            ${writer ? html`<th scope="col"><input type="checkbox" id="select-all" aria-label="Choisir tous les contacts de la page" checked=${all}
              onChange=${() => setSelected(all ? new Set() : new Set(contacts.map((c) => c.id)))} /></th>` : null}
            <th scope="col">Nom</th><th scope="col">Adresse</th><th scope="col">Statut</th><th scope="col">Catégorie</th>
            <th scope="col">Code postal</th><th scope="col">Étiquettes</th></tr></thead>
          <tbody>${contacts.map((c) => {
            const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || '(sans nom)';
            return html`<tr>
              ${writer ? html`<td data-label="Choisir"><input type="checkbox" id=${'select-' + c.id} aria-label=${'Choisir ' + name}
                checked=${selected.has(c.id)} onChange=${() => toggle(c.id)} /></td>` : null}
              <td class="main-cell"><a href=${'#/f/' + fed + '/contacts/' + encodeURIComponent(c.id)}>${name}</a></td>
              <td data-label="Adresse" class="url">${c.email}</td>
              <td data-label="Statut"><${StatusBadge} status=${c.status} /></td>
              <td data-label="Catégorie">${CATEGORIES[c.category] || '—'}</td>
              <td data-label="Code postal">${c.postalCode || '—'}</td>
              <td data-label="Étiquettes">${c.tags.length ? c.tags.join(', ') : '—'}</td></tr>`;
          })}</tbody></table>
        <nav class="pager" aria-label="Pages">
          ${params.suite ? html`<button type="button" class="button secondary" onClick=${() => history.back()}>Page précédente</button>` : null}
          ${data.nextCursor ? html`<a class="button secondary" href=${'#/f/' + fed + '/contacts' + query({ ...params, fed: undefined, suite: data.nextCursor })}>Page suivante</a>` : null}
        </nav>`;
    }}<//>`}
  </div>`;
}
