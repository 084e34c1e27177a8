// The federation's website (coordinator): API keys (scopes, expiry, the secret shown once) and the signup-form
// snippet to paste, with its live preview.
import { html, useState, useEffect, useRef } from '../ui.js';
import { api } from '../api.js';
import { messageFor } from '../messages.js';
import { useResource } from '../hooks.js';
import { Field, Checkbox } from '../components/field.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Resource, Empty, Notice } from '../components/states.js';
import { Confirm } from '../components/confirm.js';
import { date } from '../format.js';

const SCOPES = {
  'contacts:write': "Ajouter des contacts (formulaire d'inscription de votre site, import)",
  'contacts:read': 'Lire les contacts',
  'stats:read': 'Lire les statistiques',
  'newsletters:write': 'Préparer des lettres',
  'newsletters:send': 'Envoyer des lettres',
  'contents:read': 'Lire la bibliothèque de contenus',
  'contents:propose': 'Proposer des contenus',
};
const EXPIRY = { 3: '3 mois', 6: '6 mois', 12: '1 an', 24: '2 ans' };

function NewKey({ fed, onIssued }) {
  const [label, setLabel] = useState('');
  const [scopes, setScopes] = useState(['contacts:write']);
  const [months, setMonths] = useState('12');
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  const submit = async (event) => {
    event.preventDefault();
    const found = [];
    if (!label.trim()) found.push({ field: 'key-label', message: 'Donnez un nom à la clé, par exemple « Site de la fédération ».' });
    if (!scopes.length) found.push({ field: 'scope-contacts:write', message: 'Choisissez au moins un droit.' });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      const expiresAt = new Date();
      expiresAt.setMonth(expiresAt.getMonth() + Number(months));
      const key = await api('POST', '/v1/federations/' + encodeURIComponent(fed) + '/api-keys',
        { label: label.trim(), scopes, expiresAt: expiresAt.toISOString() });
      setLabel('');
      onIssued(key);
    } catch (e) {
      setErrors([{ field: e.field === 'label' ? 'key-label' : e.field === 'scopes' ? 'scope-contacts:write' : e.field === 'expiresAt' ? 'key-expiry' : null, message: messageFor(e) }]);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (s) => setScopes(scopes.includes(s) ? scopes.filter((x) => x !== s) : [...scopes, s]);
  return html`<form class="card" onSubmit=${submit} aria-labelledby="newkey-title" novalidate>
    <h2 id="newkey-title">Créer une clé</h2>
    <${ErrorSummary} errors=${errors} />
    <${Field} id="key-label" label="Nom de la clé" hint="Pour vous y retrouver : où elle sert" value=${label}
      onInput=${(e) => setLabel(e.currentTarget.value)} error=${(errors.find((e) => e.field === 'key-label') || {}).message} />
    <fieldset><legend>Ce que la clé permet</legend>
      ${(errors.find((e) => e.field === 'scope-contacts:write') || {}).message
        ? html`<p class="field-error">${errors.find((e) => e.field === 'scope-contacts:write').message}</p>` : null}
      ${Object.entries(SCOPES).map(([s, l]) => html`<${Checkbox} id=${'scope-' + s} label=${l} checked=${scopes.includes(s)} onChange=${() => toggle(s)} />`)}
    </fieldset>
    <${Field} id="key-expiry" label="Valable" as="select" value=${months} onChange=${(e) => setMonths(e.currentTarget.value)}>
      ${Object.entries(EXPIRY).map(([m, l]) => html`<option value=${m}>${l}</option>`)}<//>
    <div class="actions"><button class="button" type="submit" disabled=${busy}>${busy ? 'Création…' : 'Créer la clé'}</button></div>
  </form>`;
}

function Keys({ fed }) {
  const path = '/v1/federations/' + encodeURIComponent(fed) + '/api-keys';
  const keys = useResource((signal) => api('GET', path, null, { signal }), [path]);
  const [issued, setIssued] = useState(null);
  const [revoking, setRevoking] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const [copied, setCopied] = useState(false);
  const revoke = async () => {
    setBusy(true);
    try {
      await api('DELETE', path + '/' + encodeURIComponent(revoking.keyId));
      setRevoking(null);
      keys.reload();
    } catch (e) {
      setError(e);
      setRevoking(null);
    } finally {
      setBusy(false);
    }
  };
  const copy = async () => {
    try { await navigator.clipboard.writeText(issued.key); setCopied(true); } catch (e) { setCopied(false); }
  };
  return html`<section aria-labelledby="keys-title">
    <h2 id="keys-title">Clés d'accès de votre site</h2>
    <p>Une clé permet à votre site web (ou à un outil) d'utiliser e-terrain au nom de la fédération. Donnez-lui seulement les droits dont il a besoin.</p>
    ${error ? html`<p class="notice notice-error" role="alert">${messageFor(error)}</p>` : null}
    ${issued ? html`<div class="card" role="status">
      <h3>Votre nouvelle clé « ${issued.label} »</h3>
      <p><strong>Copiez-la maintenant : elle ne sera plus jamais affichée.</strong> Gardez-la comme un mot de passe.</p>
      <p class="key-once" id="new-key">${issued.key}</p>
      <div class="actions"><button type="button" class="button" onClick=${copy}>${copied ? 'Copiée' : 'Copier la clé'}</button>
        <button type="button" class="button secondary" onClick=${() => setIssued(null)}>J'ai noté la clé</button></div>
    </div>` : null}
    <${NewKey} fed=${fed} onIssued=${(k) => { setIssued(k); setCopied(false); keys.reload(); }} />
    <div class="card"><h3>Clés existantes</h3>
    <${Resource} resource=${keys} loading="Chargement des clés…">${(data) => {
      const items = data.items || [];
      if (!items.length) return html`<${Empty} title="Aucune clé pour l'instant." />`;
      return html`<table class="table stack"><thead><tr><th scope="col">Nom</th><th scope="col">Droits</th><th scope="col">Créée le</th>
        <th scope="col">Expire le</th><th scope="col">État</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${items.map((k) => {
          const expired = k.expiresAt && new Date(k.expiresAt) < new Date();
          const state = k.revokedAt ? 'révoquée le ' + date(k.revokedAt) : expired ? 'expirée' : 'active';
          return html`<tr><td class="main-cell">${k.label || k.keyId}</td>
            <td data-label="Droits">${k.legacy ? 'tous ceux de la coordination (ancienne clé)' : k.scopes.map((s) => (SCOPES[s] || s).split(' (')[0]).join(', ')}</td>
            <td data-label="Créée le">${date(k.createdAt)}</td><td data-label="Expire le">${k.expiresAt ? date(k.expiresAt) : 'jamais'}</td>
            <td data-label="État">${state}</td>
            <td data-label="Actions">${k.revokedAt || expired ? null : html`<button type="button" class="button secondary"
              aria-label=${'Révoquer la clé ' + (k.label || k.keyId)} onClick=${() => setRevoking(k)}>Révoquer</button>`}</td></tr>`;
        })}</tbody></table>`;
    }}<//></div>
    <${Confirm} open=${!!revoking} title=${revoking ? 'Révoquer la clé « ' + (revoking.label || revoking.keyId) + ' » ?' : ''}
      confirmLabel="Révoquer la clé" danger busy=${busy} onConfirm=${revoke} onCancel=${() => setRevoking(null)}>
      <p>Ce qui utilise cette clé (votre site, un outil) cessera aussitôt de fonctionner avec e-terrain. Vous ne pourrez pas l'annuler ;
        créez une nouvelle clé si besoin.</p>
    <//>
  </section>`;
}

/** The snippet is the API's own HTML; the preview parses it inertly (no script runs, nothing is fetched). */
function Snippet({ fed }) {
  const snippet = useResource(async (signal) => {
    const response = await fetch('/v1/federations/' + encodeURIComponent(fed) + '/signup-form', { signal, credentials: 'same-origin' });
    if (!response.ok) throw Object.assign(new Error('signup-form'), { status: response.status, code: 'http_' + response.status });
    return response.text();
  }, [fed]);
  const [copied, setCopied] = useState(false);
  const preview = useRef(null);
  useEffect(() => {
    if (!preview.current || typeof snippet.data !== 'string') return;
    const doc = new DOMParser().parseFromString(snippet.data, 'text/html');
    doc.querySelectorAll('script, style, link, iframe, object, embed').forEach((e) => e.remove());
    doc.querySelectorAll('*').forEach((e) => {
      // The snippet hides its trap field with a style, which the console's policy does not apply: hide it here.
      const style = (e.getAttribute('style') || '').replace(/\s/g, '');
      if (/display:none|left:-\d|visibility:hidden/.test(style)) e.hidden = true;
      [...e.attributes].forEach((a) => { if (a.name.startsWith('on') || a.name === 'style') e.removeAttribute(a.name); });
    });
    // A preview, not the real thing: its form sends nothing from here.
    doc.querySelectorAll('form').forEach((f) => f.addEventListener('submit', (e) => e.preventDefault()));
    doc.querySelectorAll('[id]').forEach((e) => { e.id = 'apercu-' + e.id; });
    doc.querySelectorAll('label[for]').forEach((e) => e.setAttribute('for', 'apercu-' + e.getAttribute('for')));
    doc.querySelectorAll('[aria-describedby]').forEach((e) => e.setAttribute('aria-describedby',
      e.getAttribute('aria-describedby').split(' ').map((x) => 'apercu-' + x).join(' ')));
    preview.current.replaceChildren(...doc.body.childNodes);
    preview.current.querySelectorAll('form').forEach((f) => f.addEventListener('submit', (e) => e.preventDefault()));
  }, [snippet.data]);
  const copy = async () => {
    try { await navigator.clipboard.writeText(snippet.data); setCopied(true); } catch (e) { setCopied(false); }
  };
  return html`<section class="card" aria-labelledby="snippet-title">
    <h2 id="snippet-title">Formulaire d'inscription pour votre site</h2>
    <p>Collez ce code dans une page de votre site : les visiteurs s'y inscrivent à vos lettres, avec le double consentement
      exigé par la loi. Il fonctionne même sans JavaScript et n'a besoin d'aucune clé.</p>
    <${Resource} resource=${snippet} loading="Chargement du formulaire…">${(text) => html`
      <${Field} id="snippet-code" as="textarea" label="Code à copier" class="snippet" readonly value=${text} />
      <div class="actions"><button type="button" class="button" onClick=${copy}>${copied ? 'Code copié' : 'Copier le code'}</button></div>
      <h3 id="preview-title">Aperçu</h3>
      <p class="hint">Sur votre site, le formulaire prendra le style de vos pages. Ici, il n'envoie rien.</p>
      <div class="preview-box" ref=${preview} role="region" aria-labelledby="preview-title"></div>`}<//>
  </section>`;
}

export default function Website({ fed }) {
  return html`<div><h1>Site web</h1><${Snippet} fed=${fed} /><${Keys} fed=${fed} /></div>`;
}
