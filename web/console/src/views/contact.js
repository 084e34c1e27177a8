// One contact: profile, tags, consent history with its proofs, newsletters received; correct, export, erase.
import { html, useState } from '../ui.js';
import { api, apiBlob, download } from '../api.js';
import { messageFor } from '../messages.js';
import { useResource } from '../hooks.js';
import { can } from '../session.js';
import { Field } from '../components/field.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Resource, Notice } from '../components/states.js';
import { Confirm } from '../components/confirm.js';
import { CATEGORIES, StatusBadge } from './contacts.js';
import { date, dateTime } from '../format.js';

const CONSENT_TYPES = {
  confirmed: 'A confirmé son inscription (double opt-in)',
  imported_with_proof: 'Importé avec une preuve de consentement',
  newsletter_withdrawn: "S'est désinscrit·e des lettres",
  audience_measurement_withdrawn: "A retiré son accord à la mesure d'audience",
  reconfirmed: 'A reconfirmé son inscription',
};
const CHANNELS = { import: 'import de fichier', form: "formulaire d'inscription", web: "formulaire d'inscription", api: 'API', email: 'lien dans un e-mail', link: 'lien dans un e-mail' };
const RECIPIENT = { sent: 'reçue', queued: "en file d'envoi", sending: "en cours d'envoi", failed: 'échec', suppressed: 'non envoyée (adresse bloquée)' };
const EVENTS = { open: 'ouverte', click: 'lien cliqué', unsubscribe: 'désinscription' };
const FIELDS = { firstName: 'c-first', lastName: 'c-last', postalCode: 'c-postal', category: 'c-category', tags: 'c-tags' };

function EditForm({ fed, contact, onSaved }) {
  const [v, setV] = useState({ firstName: contact.firstName || '', lastName: contact.lastName || '', postalCode: contact.postalCode || '',
    category: contact.category || '', tags: contact.tags.join(', ') });
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  const set = (k) => (e) => setV({ ...v, [k]: e.currentTarget.value });
  const save = async (event) => {
    event.preventDefault();
    setBusy(true);
    setErrors([]);
    const body = { firstName: v.firstName.trim(), lastName: v.lastName.trim(), postalCode: v.postalCode.trim(),
      tags: v.tags.split(',').map((t) => t.trim()).filter(Boolean) };
    if (v.category) body.category = v.category;
    try {
      const saved = await api('PATCH', '/v1/federations/' + encodeURIComponent(fed) + '/contacts/' + encodeURIComponent(contact.id), body);
      onSaved(saved);
    } catch (e) {
      // The form keeps what was typed; the refusal goes on the field it names.
      const field = Object.keys(FIELDS).find((k) => e.field && e.field.replace(/^\//, '').startsWith(k));
      setErrors([{ field: field ? FIELDS[field] : null, message: messageFor(e) }]);
    } finally {
      setBusy(false);
    }
  };
  const err = (id) => (errors.find((e) => e.field === id) || {}).message;
  return html`<form class="card" onSubmit=${save} aria-labelledby="edit-title" novalidate>
    <h2 id="edit-title">Corriger le profil</h2>
    <p class="hint">L'adresse et le consentement ne se modifient pas ici : seule la personne peut les changer.</p>
    <${ErrorSummary} errors=${errors} />
    <div class="filters">
      <${Field} id="c-first" label="Prénom" value=${v.firstName} onInput=${set('firstName')} error=${err('c-first')} autocomplete="off" />
      <${Field} id="c-last" label="Nom" value=${v.lastName} onInput=${set('lastName')} error=${err('c-last')} autocomplete="off" />
      <${Field} id="c-postal" label="Code postal" value=${v.postalCode} onInput=${set('postalCode')} error=${err('c-postal')} inputmode="numeric" />
      <${Field} id="c-category" label="Catégorie" as="select" value=${v.category} onChange=${set('category')} error=${err('c-category')}>
        ${contact.category ? null : html`<option value="">(aucune)</option>`}
        ${Object.entries(CATEGORIES).map(([k, l]) => html`<option value=${k}>${l}</option>`)}<//>
    </div>
    <${Field} id="c-tags" label="Étiquettes" hint="Séparées par des virgules, par exemple : bénévole, Nice" value=${v.tags}
      onInput=${set('tags')} error=${err('c-tags')} />
    <div class="actions"><button class="button" type="submit" disabled=${busy}>${busy ? 'Enregistrement…' : 'Enregistrer'}</button></div>
  </form>`;
}

function History({ fed, id }) {
  const history = useResource((signal) => api('GET', '/v1/federations/' + encodeURIComponent(fed) + '/contacts/' + encodeURIComponent(id) + '/history',
    null, { signal }), [fed, id]);
  return html`<${Resource} resource=${history} loading="Chargement de l'historique…">${(h) => html`
    <section class="card" aria-labelledby="consent-title"><h2 id="consent-title">Historique du consentement</h2>
      ${h.consentLog.length ? html`<ol class="timeline">${h.consentLog.map((e) => html`<li>
        <strong>${CONSENT_TYPES[e.type] || e.type}</strong> — ${dateTime(e.at)}
        <dl class="facts">
          ${e.channel ? html`<dt>Par</dt><dd>${CHANNELS[e.channel] || e.channel}</dd>` : null}
          ${e.source ? html`<dt>Source</dt><dd>${e.source}</dd>` : null}
          ${e.wordingVersion ? html`<dt>Texte accepté</dt><dd>version ${e.wordingVersion}</dd>` : null}
          ${e.signupAt ? html`<dt>Inscription</dt><dd>${dateTime(e.signupAt)}</dd>` : null}
          ${e.confirmedAt ? html`<dt>Confirmation</dt><dd>${dateTime(e.confirmedAt)}</dd>` : null}
          ${e.signupIpHash ? html`<dt>Preuve (empreinte de l'adresse IP)</dt><dd class="url">${e.signupIpHash}</dd>` : null}
          ${e.actionIpHash ? html`<dt>Preuve de l'action</dt><dd class="url">${e.actionIpHash}</dd>` : null}
          ${e.recordedBy ? html`<dt>Enregistré par</dt><dd>${/^(person|key):/.test(e.recordedBy) ? e.recordedBy.replace(/^person:/, 'personne ').replace(/^key:/, "clé d'accès ") : e.recordedBy.includes(' ') ? e.recordedBy : "l'accès " + e.recordedBy}</dd>` : null}
        </dl></li>`)}</ol>` : html`<p>Aucun événement de consentement enregistré pour l'instant (inscription en attente de confirmation).</p>`}
    </section>
    <section class="card" aria-labelledby="received-title"><h2 id="received-title">Lettres reçues</h2>
      ${h.newsletters.length ? html`<table class="table stack"><thead><tr><th scope="col">Lettre</th><th scope="col">Envoyée le</th>
        <th scope="col">Envoi</th><th scope="col">Ce que la personne en a fait</th></tr></thead>
        <tbody>${h.newsletters.map((nl) => html`<tr><td class="main-cell">${nl.subject}</td><td data-label="Envoyée le">${date(nl.startedAt)}</td>
          <td data-label="Envoi">${RECIPIENT[nl.status] || nl.status}</td>
          <td data-label="Activité">${nl.events.length ? nl.events.map((e) => EVENTS[e] || e).join(', ') : '—'}</td></tr>`)}</tbody></table>
        <p class="note">L'activité n'est connue que pour les personnes qui ont accepté la mesure d'audience.</p>`
        : html`<p>Cette personne n'a encore reçu aucune lettre.</p>`}
    </section>`}<//>`;
}

export default function ContactView({ fed, params, me, navigate }) {
  const id = params.id;
  const path = '/v1/federations/' + encodeURIComponent(fed) + '/contacts/' + encodeURIComponent(id);
  const contact = useResource((signal) => api('GET', path, null, { signal }), [path]);
  const [saved, setSaved] = useState(null);
  const [notice, setNotice] = useState('');
  const [erasing, setErasing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const writer = can(me, 'contacts:write');

  const exportIt = async () => {
    setError(null);
    try {
      download(await apiBlob('GET', path + '/export'), 'contact-' + id + '.json');
    } catch (e) {
      setError(e);
    }
  };
  const erase = async () => {
    setBusy(true);
    try {
      await api('DELETE', path);
      navigate('/f/' + fed + '/contacts?efface=1');
    } catch (e) {
      setError(e);
      setBusy(false);
      setErasing(false);
    }
  };

  return html`<div>
    <p class="breadcrumb"><a href=${'#/f/' + fed + '/contacts'}>← Contacts</a></p>
    <${Resource} resource=${contact} loading="Chargement du contact…">${(loaded) => {
      const c = saved || loaded;
      const name = [c.firstName, c.lastName].filter(Boolean).join(' ') || '(sans nom)';
      return html`
        <div class="page-head"><h1>${name}</h1><${StatusBadge} status=${c.status} /></div>
        <${Notice}>${notice}<//>
        ${error ? html`<p class="notice notice-error" role="alert">${messageFor(error)}</p>` : null}
        <section class="card" aria-labelledby="profile-title"><h2 id="profile-title">Profil</h2>
          <dl class="facts">
            <dt>Adresse</dt><dd>${c.email}</dd>
            <dt>Catégorie</dt><dd>${CATEGORIES[c.category] || '—'}</dd>
            <dt>Code postal</dt><dd>${c.postalCode || '—'}</dd>
            <dt>Étiquettes</dt><dd>${c.tags.length ? html`<ul class="tags">${c.tags.map((t) => html`<li class="badge">${t}</li>`)}</ul>` : '—'}</dd>
            <dt>Lettres</dt><dd>${c.consent.newsletter ? 'accepte de les recevoir' : 'ne les reçoit pas'}</dd>
            <dt>Mesure d'audience</dt><dd>${c.consent.audienceMeasurement ? 'acceptée' : 'refusée'}</dd>
            <dt>Arrivé·e le</dt><dd>${dateTime(c.createdAt)}${c.source ? ' (' + c.source + ')' : ''}</dd>
            ${c.consent.confirmedAt ? html`<dt>Confirmé·e le</dt><dd>${dateTime(c.consent.confirmedAt)}</dd>` : null}
            ${c.suppressed ? html`<dt>Adresse bloquée</dt><dd>${c.suppressionReason || 'oui'}</dd>` : null}
          </dl>
          <div class="actions">
            <button type="button" class="button secondary" onClick=${exportIt}>Exporter ses données (fichier)</button>
            ${writer ? html`<button type="button" class="button danger" onClick=${() => setErasing(true)}>Effacer ce contact</button>` : null}
          </div>
        </section>
        ${writer ? html`<${EditForm} key=${c.updatedAt} fed=${fed} contact=${c} onSaved=${(s) => { setSaved(s); setNotice('Les changements sont enregistrés.'); }} />` : null}
        <${History} fed=${fed} id=${id} />
        <${Confirm} open=${erasing} title=${'Effacer ' + name + ' ?'} confirmLabel="Effacer définitivement" danger busy=${busy}
          onConfirm=${erase} onCancel=${() => setErasing(false)}>
          <p>Toutes les données de cette personne seront supprimées : profil, étiquettes, historique du consentement et
            activité sur les lettres. C'est définitif.</p>
          <p>Seule une empreinte chiffrée de son adresse est gardée, pour ne plus jamais lui écrire, même si l'adresse est
            importée à nouveau.</p>
          <p>Pensez à exporter ses données d'abord si la personne les a demandées.</p>
        <//>`;
    }}<//>
  </div>`;
}
