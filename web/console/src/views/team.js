// The federation's team (coordinator): invite editors and e-militants, grant the right to send, remove.
import { html, useState } from '../ui.js';
import { api } from '../api.js';
import { messageFor } from '../messages.js';
import { useResource } from '../hooks.js';
import { Field, Checkbox } from '../components/field.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Resource, Empty, Notice } from '../components/states.js';
import { Confirm } from '../components/confirm.js';
import { ROLE, label, date, dateTime } from '../format.js';

const STATUS = { invited: 'invitation envoyée', active: 'actif·ve', removed: 'retiré·e' };
const FIELDS = { email: 'invite-email', displayName: 'invite-name', role: 'invite-role', send: 'invite-send' };

function Invite({ fed, me, onInvited }) {
  const empty = { email: '', displayName: '', role: 'editor', send: false };
  const [v, setV] = useState(empty);
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  const roles = me.home === 'HQ' && fed === 'HQ' ? ['hq-staff', 'hq-admin'] : ['editor', 'e-militant', 'coordinator'];
  const submit = async (event) => {
    event.preventDefault();
    const found = [];
    if (!v.displayName.trim()) found.push({ field: 'invite-name', message: 'Saisissez le nom de la personne.' });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.email.trim())) found.push({ field: 'invite-email', message: messageFor({ code: 'invalid_email' }) });
    setErrors(found);
    if (found.length) return;
    setBusy(true);
    try {
      const body = { email: v.email.trim(), displayName: v.displayName.trim(), role: v.role };
      if (v.role === 'editor') body.send = v.send;
      const answer = await api('POST', '/v1/federations/' + encodeURIComponent(fed) + '/people', body);
      setV(empty);
      onInvited(answer.person);
    } catch (e) {
      setErrors([{ field: FIELDS[e.field] || null, message: messageFor(e) }]);
    } finally {
      setBusy(false);
    }
  };
  const err = (id) => (errors.find((e) => e.field === id) || {}).message;
  return html`<form class="card" onSubmit=${submit} aria-labelledby="invite-title" novalidate>
    <h2 id="invite-title">Inviter quelqu'un</h2>
    <p class="hint">La personne reçoit un e-mail avec un lien valable 7 jours. Elle se connectera ensuite avec un code, sans mot de passe.</p>
    <${ErrorSummary} errors=${errors} />
    <div class="filters">
      <${Field} id="invite-name" label="Nom" value=${v.displayName} onInput=${(e) => setV({ ...v, displayName: e.currentTarget.value })} error=${err('invite-name')} autocomplete="off" />
      <${Field} id="invite-email" label="Adresse électronique" type="email" value=${v.email} onInput=${(e) => setV({ ...v, email: e.currentTarget.value })} error=${err('invite-email')} autocomplete="off" />
      <${Field} id="invite-role" label="Rôle" as="select" value=${v.role} onChange=${(e) => setV({ ...v, role: e.currentTarget.value })} error=${err('invite-role')}>
        ${roles.map((r) => html`<option value=${r}>${label(ROLE, r)}</option>`)}<//>
    </div>
    ${v.role === 'editor' ? html`<${Checkbox} id="invite-send" label="Peut envoyer les lettres" checked=${v.send}
      hint="Sans ce droit, la personne prépare les lettres ; une coordinatrice ou un coordinateur les envoie."
      onChange=${(e) => setV({ ...v, send: e.currentTarget.checked })} />` : null}
    <p class="hint">${v.role === 'e-militant' ? "Un·e e-militant·e relaie les contenus et fait des visuels ; il ou elle ne voit aucun contact."
      : v.role === 'coordinator' ? 'Une coordination a tous les droits sur la fédération, y compris l\'équipe et les clés du site.'
      : 'La rédaction voit les contacts, prépare les lettres et lit les statistiques.'}</p>
    <div class="actions"><button class="button" type="submit" disabled=${busy}>${busy ? 'Envoi…' : "Envoyer l'invitation"}</button></div>
  </form>`;
}

export default function Team({ fed, me }) {
  const path = '/v1/federations/' + encodeURIComponent(fed) + '/people';
  const people = useResource((signal) => api('GET', path, null, { signal }), [path]);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState(null);
  const [removing, setRemoving] = useState(null);
  const [busy, setBusy] = useState(false);
  const setSend = async (p, send) => {
    setError(null);
    try {
      await api('PATCH', path + '/' + encodeURIComponent(p.id), { send });
      setNotice(send ? `${p.displayName} peut maintenant envoyer les lettres.` : `${p.displayName} ne peut plus envoyer les lettres.`);
      people.reload();
    } catch (e) {
      setError(e);
    }
  };
  const remove = async () => {
    setBusy(true);
    try {
      await api('DELETE', path + '/' + encodeURIComponent(removing.id));
      setNotice(`${removing.displayName} a été retiré·e de l'équipe. Ses sessions sont terminées.`);
      setRemoving(null);
      people.reload();
    } catch (e) {
      setError(e);
      setRemoving(null);
    } finally {
      setBusy(false);
    }
  };
  return html`<div>
    <h1>Équipe</h1>
    <${Notice}>${notice}<//>
    ${error ? html`<p class="notice notice-error" role="alert">${messageFor(error)}</p>` : null}
    <${Invite} fed=${fed} me=${me} onInvited=${(p) => { setNotice(`Invitation envoyée à ${p.email}.`); people.reload(); }} />
    <section class="card" aria-labelledby="team-title"><h2 id="team-title">Les membres</h2>
      <${Resource} resource=${people} loading="Chargement de l'équipe…">${(data) => {
        const items = data.items.filter((p) => p.status !== 'removed');
        if (!items.length) return html`<${Empty} title="Personne dans l'équipe pour l'instant." />`;
        return html`<table class="table stack team-table"><thead><tr><th scope="col">Nom</th><th scope="col">Adresse</th><th scope="col">Rôle</th>
          <th scope="col">Envoi des lettres</th><th scope="col">Statut</th><th scope="col">Dernière connexion</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
          <tbody>${items.map((p) => {
            const self = p.id === me.id;
            return html`<tr>
              <td class="main-cell">${p.displayName}${self ? ' (vous)' : ''}</td>
              <td data-label="Adresse" class="url">${p.email}</td>
              <td data-label="Rôle">${label(ROLE, p.role)}</td>
              <td data-label="Envoi des lettres">${p.role === 'editor'
                ? html`<button type="button" class="button link" onClick=${() => setSend(p, !p.send)}
                    aria-label=${(p.send ? 'Retirer le droit d\'envoi à ' : 'Donner le droit d\'envoi à ') + p.displayName}>
                    ${p.send ? 'Oui — retirer' : 'Non — autoriser'}</button>`
                : p.role === 'coordinator' || p.role.startsWith('hq') ? 'Oui' : 'Non'}</td>
              <td data-label="Statut">${STATUS[p.status] || p.status}${p.status === 'invited' ? ' le ' + date(p.createdAt) : ''}</td>
              <td data-label="Dernière connexion">${p.lastSignInAt ? dateTime(p.lastSignInAt) : 'jamais'}</td>
              <td data-label="Actions">${self ? null : html`<button type="button" class="button secondary" onClick=${() => setRemoving(p)}
                aria-label=${'Retirer ' + p.displayName + " de l'équipe"}>Retirer</button>`}</td></tr>`;
          })}</tbody></table>`;
      }}<//>
    </section>
    <${Confirm} open=${!!removing} title=${removing ? 'Retirer ' + removing.displayName + " de l'équipe ?" : ''}
      confirmLabel="Retirer de l'équipe" danger busy=${busy} onConfirm=${remove} onCancel=${() => setRemoving(null)}>
      <p>La personne perd aussitôt l'accès à la console : ses sessions ouvertes se terminent. Ce qu'elle a préparé
        (lettres, visuels) reste. Vous pourrez l'inviter à nouveau plus tard.</p>
    <//>
  </div>`;
}
