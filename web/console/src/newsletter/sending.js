// Sending: now or at a chosen time (the suggested time offered, night and blackout warned about), a confirmation
// that names the number of people, then the progress with the time left, cancel, and the statistics.
import { html, useEffect, useRef, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { duration, number, parisDateTime, people, refusal, stateLabel } from './labels.js';

const PARIS = 'Europe/Paris';
const POLL_MS = 2000;

/** Paris wall-clock parts of an instant. */
function parisParts(date) {
  const parts = {};
  new Intl.DateTimeFormat('en-GB', { timeZone: PARIS, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit' }).formatToParts(date).forEach((p) => { parts[p.type] = p.value; });
  return parts;
}

/** "2026-12-08T18:00" read in Paris → the instant. */
export function parisToDate(local) {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local || '');
  if (!m) return null;
  const wanted = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5]);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const p = parisParts(new Date(guess));
    const shown = Date.UTC(+p.year, +p.month - 1, +p.day, +p.hour, +p.minute);
    guess += wanted - shown;
  }
  return new Date(guess);
}

export function dateToParisLocal(date) {
  const p = parisParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

function covering(blackouts, date) {
  return (blackouts || []).find((b) => new Date(b.start) <= date && date < new Date(b.end));
}

/** Warnings for a send at this instant: [{ id, text, blocking }]. */
export function timeWarnings(date, advice) {
  if (!date) return [];
  const out = [];
  const night = advice?.night || { from: 21, to: 8 };
  const hour = Number(parisParts(date).hour);
  if (hour >= night.from || hour < night.to) {
    out.push({ id: 'night', blocking: false, text: `C'est la nuit (entre ${night.from} h et ${night.to} h, heure de Paris) : `
      + 'la lettre arrivera sous le courrier du matin, sera moins lue, et un envoi nocturne ressemble à du spam.' });
  }
  const blackout = covering(advice?.blackouts, date);
  if (blackout) {
    out.push({ id: 'blackout', blocking: true, text: `Période sans envoi « ${blackout.reason} », du ${parisDateTime(blackout.start)} `
      + `au ${parisDateTime(blackout.end)} : aucune lettre ne peut partir à ce moment. Choisissez un autre moment.` });
  }
  return out;
}

function Dialog({ open, title, children, confirmLabel, onConfirm, onClose, busy }) {
  const ref = useRef(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return html`
    <dialog ref=${ref} class="nl-dialog" aria-labelledby="nl-dialog-title" onClose=${onClose} onCancel=${onClose}>
      <h2 id="nl-dialog-title">${title}</h2>
      ${children}
      <div class="nl-actions">
        <button type="button" class="nl-primary" onClick=${onConfirm} disabled=${busy} data-confirm>${confirmLabel}</button>
        <button type="button" onClick=${onClose} disabled=${busy} autofocus>Ne pas envoyer</button>
      </div>
    </dialog>`;
}

/** The scheduler and send button of a draft, for people allowed to send. */
export function SendPanel({ fed, draft, segment, flush, onSent, blocked }) {
  const [mode, setMode] = useState('now');
  const [at, setAt] = useState('');
  const [advice, setAdvice] = useState(null);
  const [adviceError, setAdviceError] = useState(null);
  const [confirm, setConfirm] = useState(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const sending = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    api('GET', `/v1/federations/${fed}/send-time`, undefined, { signal: controller.signal })
      .then(setAdvice)
      .catch((e) => { if (e.name !== 'AbortError') setAdviceError(refusal(e)); });
    return () => controller.abort();
  }, [fed]);

  const when = mode === 'now' ? new Date() : parisToDate(at);
  const warnings = mode === 'later' && !at ? [] : timeWarnings(when, advice);
  const blocking = warnings.some((w) => w.blocking);
  const recommended = advice?.recommended;

  const ask = async () => {
    setError(null);
    if (mode === 'later' && !at) {
      setError({ field: 'at', text: "Choisissez la date et l'heure de l'envoi." });
      document.getElementById('nl-at')?.focus();
      return;
    }
    setBusy(true);
    try {
      await flush();
      const { count } = await api('POST', `/v1/federations/${fed}/audience`, { segment });
      if (count === 0) {
        setError({ field: 'segment', text: "Personne ne correspond à ce public : élargissez les critères avant d'envoyer." });
        return;
      }
      setConfirm({ count });
    } catch (e) {
      setError({ field: e.field, text: e.status ? refusal(e) : (e.message || refusal(e)) });
    } finally {
      setBusy(false);
    }
  };

  const send = async () => {
    if (sending.current) return; // a double click sends once
    sending.current = true;
    setBusy(true);
    try {
      const body = mode === 'later' ? { at } : {};
      const updated = await api('POST', `/v1/federations/${fed}/newsletters/${draft.id}/send`, body);
      setConfirm(null);
      onSent(updated);
    } catch (e) {
      setConfirm(null);
      setError({ field: e.field, text: refusal(e) });
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const atError = error?.field === 'at' ? error.text : null;
  return html`
    <section class="nl-card" aria-labelledby="nl-send-title">
      <h2 id="nl-send-title">Envoi</h2>
      <fieldset class="nl-checks">
        <legend>Quand ?</legend>
        <label class="nl-check"><input type="radio" name="nl-when" value="now" checked=${mode === 'now'}
          onChange=${() => setMode('now')} /> Maintenant</label>
        <label class="nl-check"><input type="radio" name="nl-when" value="later" checked=${mode === 'later'}
          onChange=${() => setMode('later')} /> À une date et une heure choisies</label>
      </fieldset>
      ${mode === 'later' && html`
        <div class=${'nl-field' + (atError ? ' nl-field-error' : '')}>
          <label for="nl-at">Date et heure de l'envoi (heure de Paris)</label>
          ${atError && html`<p class="nl-error" id="nl-at-error">${atError}</p>`}
          <input id="nl-at" type="datetime-local" value=${at} min=${dateToParisLocal(new Date())}
            aria-describedby=${atError ? 'nl-at-error' : undefined} onInput=${(e) => setAt(e.currentTarget.value)} />
        </div>
        ${recommended && html`<div class="nl-advice" data-recommended=${recommended.at || ''}>
          <p><strong>Moment conseillé : ${recommended.label}</strong>${recommended.basis === 'readers'
            ? " — c'est là que vos lecteurs ouvrent et cliquent le plus."
            : ' — une bonne habitude, en attendant assez de lectures pour conseiller selon vos lecteurs.'}</p>
          ${recommended.at && html`<button type="button" class="nl-small" onClick=${() => setAt(recommended.at)}>
            Choisir ${parisDateTime(parisToDate(recommended.at).toISOString())}</button>`}
        </div>`}
        ${adviceError && html`<p class="nl-muted">Le moment conseillé n'a pas pu être calculé (${adviceError}).</p>`}`}
      ${warnings.map((w) => html`<p class=${w.blocking ? 'nl-warning nl-blocking' : 'nl-warning'} data-warning=${w.id}>${w.text}</p>`)}
      ${error && !atError && html`<p class="nl-error" role="alert">${error.text}</p>`}
      ${blocked && html`<p class="nl-muted">${blocked}</p>`}
      <div class="nl-actions">
        <button type="button" class="nl-primary" id="nl-send" onClick=${ask} disabled=${busy || blocking || !!blocked}>
          ${mode === 'now' ? 'Envoyer…' : "Programmer l'envoi…"}</button>
      </div>
      <${Dialog} open=${!!confirm} busy=${busy} onClose=${() => setConfirm(null)} onConfirm=${send}
        title=${mode === 'now' ? 'Envoyer la lettre maintenant ?' : "Programmer l'envoi ?"}
        confirmLabel=${confirm ? `Oui, envoyer à ${people(confirm.count)}` : 'Envoyer'}>
        ${confirm && html`<p>${`« ${draft.subject} » partira ${mode === 'now' ? 'maintenant' : `le ${parisDateTime(parisToDate(at).toISOString())}`} à `}<strong data-confirm-count=${confirm.count}>${people(confirm.count)}</strong>. Une fois partie, une lettre ne se reprend pas.</p>`}
      <//>
    </section>`;
}

/** A scheduled, sending, paused, sent or cancelled letter: where it stands, polled until it is done. */
export function Progress({ fed, nl, onUpdate, canSend }) {
  const [error, setError] = useState(null);
  const [asking, setAsking] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const live = ['scheduled', 'sending', 'paused'].includes(nl.state);
  useEffect(() => {
    if (!live) return undefined;
    let stopped = false;
    let timer;
    const tick = async () => {
      try {
        const fresh = await api('GET', `/v1/federations/${fed}/newsletters/${nl.id}`);
        if (!stopped) { setError(null); onUpdate(fresh); }
      } catch (e) {
        if (!stopped) setError(refusal(e));
      }
      if (!stopped) timer = setTimeout(tick, POLL_MS);
    };
    timer = setTimeout(tick, POLL_MS);
    return () => { stopped = true; clearTimeout(timer); };
  }, [fed, nl.id, live]);

  const p = nl.progress || {};
  const done = (p.sent || 0) + (p.failed || 0) + (p.suppressed || 0);
  const total = p.total || 0;
  const cancel = async () => {
    setCancelling(true);
    try {
      onUpdate(await api('POST', `/v1/federations/${fed}/newsletters/${nl.id}/cancel`));
      setAsking(false);
    } catch (e) {
      setError(refusal(e));
    } finally {
      setCancelling(false);
    }
  };
  const statsHref = `#/f/${fed}/lettres/${nl.id}/stats`;
  return html`
    <section class="nl-card nl-progress" aria-labelledby="nl-progress-title" data-state=${nl.state}>
      <h2 id="nl-progress-title">État : <span data-state-label>${stateLabel(nl.state)}</span></h2>
      ${nl.state === 'scheduled' && html`<p>Départ prévu le <strong>${parisDateTime(nl.scheduledAt)}</strong>.</p>`}
      ${(nl.state === 'sending' || nl.state === 'paused' || nl.state === 'sent') && html`
        <div class="nl-bar">
          <label for="nl-progress-bar">${total ? `${number(done)} sur ${number(total)} envoyés` : 'Préparation de la liste des destinataires…'}</label>
          <progress id="nl-progress-bar" max=${total || 1} value=${total ? done : 0}>${total ? Math.round((100 * done) / total) : 0} %</progress>
          <p role="status" aria-live="polite" class="nl-muted">
            ${nl.state === 'sending' && p.etaSeconds != null && `Temps restant : ${duration(p.etaSeconds)}.`}
            ${nl.state === 'sent' && `Envoyée le ${parisDateTime(nl.finishedAt || nl.startedAt)} à ${people(p.sent)}.`}
            ${p.suppressed > 0 && ` ${number(p.suppressed)} adresse(s) bloquée(s) n'ont pas été servies.`}
            ${p.failed > 0 && ` ${number(p.failed)} envoi(s) en échec.`}
          </p>
        </div>`}
      ${nl.state === 'paused' && html`<p class="nl-warning">${nl.stateReason || 'Les envois de la fédération sont en pause.'}</p>`}
      ${nl.state === 'scheduled' && nl.stateReason && html`<p class="nl-muted">${nl.stateReason}</p>`}
      ${nl.state === 'cancelled' && html`<p>Envoi annulé${nl.finishedAt ? ` le ${parisDateTime(nl.finishedAt)}` : ''}${p.sent ? `, après ${people(p.sent)}` : ''}.</p>`}
      ${error && html`<p class="nl-error" role="alert">${error}</p>`}
      <div class="nl-actions">
        ${live && canSend && !asking && html`<button type="button" class="nl-danger" id="nl-cancel" onClick=${() => setAsking(true)}>Annuler l'envoi…</button>`}
        ${asking && html`<p>Arrêter l'envoi ? ${nl.state === 'sending' ? 'Les personnes déjà servies garderont la lettre.' : ''}</p>
          <button type="button" class="nl-danger" onClick=${cancel} disabled=${cancelling} data-confirm-cancel>Oui, annuler l'envoi</button>
          <button type="button" onClick=${() => setAsking(false)} disabled=${cancelling}>Non, continuer</button>`}
        ${(nl.state === 'sent' || nl.state === 'sending' || (nl.state === 'cancelled' && p.sent > 0)) && html`
          <a class="nl-button-link" href=${statsHref} id="nl-stats-link">Voir les statistiques</a>`}
      </div>
    </section>`;
}
