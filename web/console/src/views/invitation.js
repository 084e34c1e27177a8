// Accepting an invitation: who invites you to which federation, then one button (it opens the session).
import { html, useState } from '../ui.js';
import { api } from '../api.js';
import { messageFor } from '../messages.js';
import { signedIn } from '../session.js';
import { useResource } from '../hooks.js';
import { Loading } from '../components/states.js';
import { ROLE, label } from '../format.js';

export default function Invitation({ params, navigate }) {
  const token = params.t || '';
  const invitation = useResource((signal) => api('GET', '/v1/invitations/' + encodeURIComponent(token), null, { signal }), [token]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const accept = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api('POST', '/v1/invitations/accept', { token });
      signedIn(answer.person);
      const fed = invitation.data && invitation.data.federation ? invitation.data.federation.id : answer.person.home;
      navigate('/f/' + encodeURIComponent(fed), { replace: true });
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  const failed = error || invitation.error || !token;
  if (!failed && invitation.loading) return html`<${Loading} label="Lecture de l'invitation…" />`;
  if (failed) {
    return html`<div class="card"><h1>Invitation</h1>
      <div class="notice notice-error" role="alert"><p>${messageFor(error || invitation.error || { code: 'invitation_invalid' })}</p></div>
      <p><a href="#/connexion">Aller à la page de connexion</a></p></div>`;
  }
  const data = invitation.data;
  return html`<div class="card">
    <h1>Bienvenue${data.displayName ? ', ' + data.displayName : ''}</h1>
    <p>${data.invitedBy ? data.invitedBy + ' vous invite' : 'Vous êtes invité·e'} à rejoindre l'équipe de
      <strong>${data.federation ? data.federation.name : ''}</strong> sur e-terrain, avec le rôle
      « ${label(ROLE, data.role)} ».</p>
    <form onSubmit=${accept}><div class="actions">
      <button class="button" type="submit" disabled=${busy}>${busy ? 'Un instant…' : "Accepter l'invitation"}</button>
    </div></form>
    <p class="hint">Ensuite, vous vous connecterez avec un code envoyé à votre adresse électronique, sans mot de passe.</p>
  </div>`;
}
