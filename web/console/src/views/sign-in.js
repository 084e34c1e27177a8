// Sign-in without a password: an email address, then the 6-digit code received (or the link's button).
import { html, useState, useRef, useEffect } from '../ui.js';
import { api } from '../api.js';
import { messageFor } from '../messages.js';
import { signedIn } from '../session.js';
import { homeFed } from '../app.js';
import { Field } from '../components/field.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Notice } from '../components/states.js';

/** After signing in: back where the person wanted to go, else their federation's home. */
function land(person, params, navigate) {
  signedIn(person);
  const back = params.retour && params.retour.startsWith('/') && !params.retour.startsWith('/connexion') ? params.retour : null;
  navigate(back || '/f/' + encodeURIComponent(homeFed(person)), { replace: true });
}

function LinkPage({ params, navigate }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const go = async (event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const answer = await api('POST', '/v1/sign-in/link', { token: params.lien });
      land(answer.person, params, navigate);
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return html`<div class="card">
    <h1>Se connecter à e-terrain</h1>
    ${error ? html`<div class="notice notice-error" role="alert"><p>${messageFor(error)}</p>
      <p><a href="#/connexion">Demander un nouveau code</a></p></div>` : html`
      <p>Vous avez ouvert le lien de connexion reçu par courriel. Confirmez que c'est bien vous en appuyant sur le bouton.</p>
      <form onSubmit=${go}><div class="actions"><button class="button" type="submit" disabled=${busy}>${busy ? 'Connexion…' : 'Me connecter'}</button></div></form>
      <p class="hint">Ce lien vaut 10 minutes et ne sert qu'une fois. Si vous n'avez rien demandé, fermez simplement cette page.</p>`}
  </div>`;
}

export default function SignIn({ params, navigate }) {
  const [step, setStep] = useState('email');
  const [email, setEmail] = useState('');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState([]);
  const [busy, setBusy] = useState(false);
  const [resent, setResent] = useState(false);
  const codeInput = useRef(null);
  useEffect(() => { if (step === 'code' && codeInput.current) codeInput.current.focus(); }, [step]);

  if (params.lien) return html`<${LinkPage} params=${params} navigate=${navigate} />`;

  const fieldError = (id) => (errors.find((e) => e.field === id) || {}).message;
  const fail = (e, fallbackField) => {
    const field = e.field === 'code' ? 'code' : e.field === 'email' ? 'email' : fallbackField;
    setErrors([{ field, message: messageFor(e) }]);
  };

  const sendEmail = async (event) => {
    event.preventDefault();
    const address = email.trim();
    if (!address || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
      setErrors([{ field: 'email', message: address ? messageFor({ code: 'invalid_email' }) : 'Saisissez votre adresse électronique.' }]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      await api('POST', '/v1/sign-in', { email: address });
      setStep('code');
      setCode('');
    } catch (e) {
      fail(e, 'email');
    } finally {
      setBusy(false);
    }
  };

  const sendCode = async (event) => {
    event.preventDefault();
    const digits = code.replace(/\s/g, '');
    if (!/^\d{6}$/.test(digits)) {
      setErrors([{ field: 'code', message: 'Le code compte 6 chiffres.' }]);
      return;
    }
    setBusy(true);
    setErrors([]);
    try {
      const answer = await api('POST', '/v1/sign-in/code', { email: email.trim(), code: digits });
      land(answer.person, params, navigate);
    } catch (e) {
      fail(e, 'code');
      setBusy(false);
    }
  };

  const resend = async () => {
    setErrors([]);
    try {
      await api('POST', '/v1/sign-in', { email: email.trim() });
      setResent(true);
      setCode('');
    } catch (e) {
      fail(e, 'code');
    }
  };

  return html`<div class="card">
    <h1>Se connecter à e-terrain</h1>
    ${params.sortie ? html`<${Notice}>${params.sortie === 'partout'
      ? 'Vous êtes déconnecté·e de tous vos appareils.' : 'Vous êtes déconnecté·e.'}<//>` : null}
    <${ErrorSummary} errors=${errors} />
    ${step === 'email' ? html`
      <p>Pas de mot de passe : nous vous envoyons un code par courriel.</p>
      <form onSubmit=${sendEmail} novalidate>
        <${Field} id="email" label="Votre adresse électronique" type="email" autocomplete="email" inputmode="email"
          spellcheck="false" value=${email} onInput=${(e) => setEmail(e.currentTarget.value)} error=${fieldError('email')} />
        <div class="actions"><button class="button" type="submit" disabled=${busy}>${busy ? 'Envoi…' : 'Recevoir un code'}</button></div>
      </form>` : html`
      <p>Si l'adresse <strong>${email.trim()}</strong> a accès à e-terrain, un code à 6 chiffres vient d'y être envoyé.
        Il vaut 10 minutes.</p>
      ${resent ? html`<${Notice}>Un nouveau code est parti.<//>` : null}
      <form onSubmit=${sendCode} novalidate>
        <${Field} id="code" label="Code reçu par courriel" hint="6 chiffres, par exemple 042917" class="code"
          autocomplete="one-time-code" inputmode="numeric" pattern="[0-9]*" maxlength="7" value=${code}
          onInput=${(e) => setCode(e.currentTarget.value)} error=${fieldError('code')} inputRef=${codeInput} />
        <div class="actions">
          <button class="button" type="submit" disabled=${busy}>${busy ? 'Vérification…' : 'Me connecter'}</button>
          <button class="button secondary" type="button" onClick=${resend}>Renvoyer un code</button>
          <button class="button link" type="button" onClick=${() => { setStep('email'); setErrors([]); setResent(false); }}>Changer d'adresse</button>
        </div>
      </form>`}
  </div>`;
}
