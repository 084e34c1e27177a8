// The import wizard: choose a CSV → first rows and column mapping → import in 1,000-row requests with a
// progress bar → the per-row report. An interrupted import resumes: the progress (not the file, and no
// address) is kept in this browser's localStorage; choosing the same file again continues where it stopped.
import { html, useState, useEffect, useRef } from '../ui.js';
import { api } from '../api.js';
import { messageFor } from '../messages.js';
import { parse, write, sniff } from '../csv.js';
import { Field } from '../components/field.js';
import { ErrorSummary } from '../components/error-summary.js';
import { Notice } from '../components/states.js';
import { n, count } from '../format.js';

export const CHUNK = 1000;
const TARGETS = {
  '': 'Ne pas importer',
  email: 'Adresse électronique',
  firstName: 'Prénom',
  lastName: 'Nom',
  postalCode: 'Code postal',
  category: 'Catégorie (militant, sympathisant, curieux)',
  tags: 'Étiquettes',
  consentWordingVersion: 'Preuve : version du texte accepté',
  consentDate: 'Preuve : date du consentement',
  consentSource: 'Preuve : source du consentement',
};
const GUESS = {
  email: 'email', 'e-mail': 'email', mail: 'email', courriel: 'email', adresse: 'email', 'adresse electronique': 'email',
  firstname: 'firstName', prenom: 'firstName', 'first name': 'firstName',
  lastname: 'lastName', nom: 'lastName', 'last name': 'lastName', 'nom de famille': 'lastName',
  postalcode: 'postalCode', 'code postal': 'postalCode', codepostal: 'postalCode', cp: 'postalCode',
  category: 'category', categorie: 'category', tags: 'tags', etiquettes: 'tags', etiquette: 'tags',
  consentwordingversion: 'consentWordingVersion', consentdate: 'consentDate', consentsource: 'consentSource',
};
const REASONS = {
  'invalid email address': 'adresse électronique invalide',
  'duplicate of an earlier row': 'adresse en double dans le fichier',
  'already a contact': 'déjà parmi vos contacts',
  'address is suppressed (erased, bounced or complained)': "adresse bloquée (effacée, en échec ou l'ayant signalé comme indésirable)",
  'category must be militant, sympathisant or curieux': 'catégorie inconnue (militant, sympathisant ou curieux)',
  'invalid postal code': 'code postal invalide',
  'at most 20 tags of 50 characters': 'au plus 20 étiquettes de 50 caractères',
  'incomplete proof of consent: wording version, date and source are all needed': 'preuve de consentement incomplète : version du texte, date et source sont toutes nécessaires',
  'consent date must be a past date (YYYY-MM-DD or ISO 8601)': 'date de consentement invalide ou future',
  'proof of consent fields too long': 'preuve de consentement trop longue',
};
export const reasonFr = (r) => REASONS[r] || r;

const fold = (s) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().replace(/[_.]/g, ' ');
const storageKey = (fed) => 'eterrain-import-' + fed;

function loadProgress(fed) {
  try { return JSON.parse(localStorage.getItem(storageKey(fed)) || 'null'); } catch (e) { return null; }
}
function saveProgress(fed, p) {
  if (p) localStorage.setItem(storageKey(fed), JSON.stringify(p)); else localStorage.removeItem(storageKey(fed));
}
const sameFile = (p, file) => p && p.name === file.name && p.size === file.size && p.lastModified === file.lastModified;

function Steps({ step }) {
  const names = ['Choisir le fichier', 'Vérifier les colonnes', 'Importer', 'Compte rendu'];
  return html`<ol class="steps">${names.map((name, i) => html`<li aria-current=${i === step ? 'step' : undefined}>${i + 1}. ${name}</li>`)}</ol>`;
}

export default function Import({ fed, navigate }) {
  const [step, setStep] = useState(0);
  const [file, setFile] = useState(null);
  const [rows, setRows] = useState(null); // [header, ...data]
  const [mapping, setMapping] = useState([]);
  const [errors, setErrors] = useState([]);
  const [progress, setProgress] = useState(loadProgress(fed));
  const [running, setRunning] = useState(false);
  const stop = useRef(false);
  useEffect(() => () => { stop.current = true; }, []);

  const choose = async (event) => {
    event.preventDefault();
    const chosen = event.currentTarget.elements.csv.files[0];
    if (!chosen) {
      setErrors([{ field: 'csv', message: 'Choisissez un fichier CSV.' }]);
      return;
    }
    if (!/\.(csv|txt)$/i.test(chosen.name) && !/csv|text/.test(chosen.type)) {
      setErrors([{ field: 'csv', message: "Ce fichier n'est pas un CSV. Enregistrez votre tableau au format CSV, puis choisissez-le." }]);
      return;
    }
    const text = await chosen.text();
    const all = parse(text, sniff(text));
    if (all.length < 2) {
      setErrors([{ field: 'csv', message: "Ce fichier n'a pas de ligne de contact sous la ligne des titres de colonnes." }]);
      return;
    }
    setErrors([]);
    setFile(chosen);
    setRows(all);
    const saved = loadProgress(fed);
    setMapping(sameFile(saved, chosen) && saved.mapping.length === all[0].length ? saved.mapping : all[0].map((h) => GUESS[fold(h)] || ''));
    setStep(1);
  };

  const start = async (event) => {
    if (event) event.preventDefault();
    const targets = mapping.filter(Boolean);
    if (!targets.includes('email')) {
      setErrors([{ field: 'map-0', message: 'Indiquez quelle colonne contient les adresses électroniques.' }]);
      return;
    }
    const twice = targets.find((t, i) => targets.indexOf(t) !== i);
    if (twice) {
      setErrors([{ field: 'map-' + mapping.lastIndexOf(twice), message: `Deux colonnes vont dans « ${TARGETS[twice]} » : gardez-en une seule.` }]);
      return;
    }
    setErrors([]);
    const data = rows.slice(1);
    const chunks = Math.ceil(data.length / CHUNK);
    const saved = loadProgress(fed);
    let p = sameFile(saved, file) && saved.chunks === chunks
      ? saved
      : { name: file.name, size: file.size, lastModified: file.lastModified, mapping, chunks, done: 0, rowsTotal: data.length,
        received: 0, active: 0, pending: 0, rejected: 0, rejectedRows: [], startedAt: new Date().toISOString() };
    p.mapping = mapping;
    saveProgress(fed, p);
    setProgress(p);
    setStep(2);
    setRunning(true);
    const columns = mapping.map((t, i) => [t, i]).filter(([t]) => t);
    for (let c = p.done; c < chunks && !stop.current; c++) {
      const slice = data.slice(c * CHUNK, (c + 1) * CHUNK);
      const csv = write([columns.map(([t]) => t), ...slice.map((r) => columns.map(([, i]) => r[i] ?? ''))]);
      let report;
      try {
        report = await api('POST', '/v1/federations/' + encodeURIComponent(fed) + '/contacts/import', csv, { headers: { 'content-type': 'text/csv' } });
      } catch (e) {
        setErrors([{ field: null, message: `Le paquet ${c + 1} sur ${chunks} n'a pas été importé : ${messageFor(e)} Les paquets précédents sont enregistrés ; reprenez quand vous voulez.` }]);
        setRunning(false);
        return;
      }
      // Lines of the whole file (the title row is line 1); the report keeps no address, only line numbers.
      const offset = c * CHUNK;
      const rejected = report.rows.filter((r) => r.status === 'rejected')
        .map((r) => ({ line: r.line + offset, reason: r.reason, field: r.field || null }));
      p = { ...p, done: c + 1, received: p.received + report.received, active: p.active + report.active,
        pending: p.pending + report.pending, rejected: p.rejected + report.rejected, rejectedRows: [...p.rejectedRows, ...rejected] };
      saveProgress(fed, p);
      setProgress(p);
    }
    setRunning(false);
    if (p.done === chunks) setStep(3);
  };

  const restart = () => {
    saveProgress(fed, null);
    setProgress(null);
    setFile(null);
    setRows(null);
    setStep(0);
    setErrors([]);
  };

  const resumable = progress && progress.done < progress.chunks;
  return html`<div>
    <p class="breadcrumb"><a href=${'#/f/' + fed + '/contacts'}>← Contacts</a></p>
    <h1>Importer des contacts</h1>
    <${Steps} step=${step} />
    <${ErrorSummary} errors=${errors} />

    ${step === 0 ? html`<form class="card" onSubmit=${choose} novalidate>
      ${resumable ? html`<p class="notice notice-warning" role="status">Un import de « ${progress.name} » s'est arrêté après
        ${progress.done} paquet${progress.done > 1 ? 's' : ''} sur ${progress.chunks}. Choisissez à nouveau ce fichier pour reprendre
        là où il s'est arrêté. <button type="button" class="button link" onClick=${restart}>Oublier cet import</button></p>` : null}
      <p>Un fichier CSV (enregistré depuis un tableur), avec une ligne de titres de colonnes et une adresse électronique par ligne.
        Les personnes sans preuve de consentement recevront un e-mail pour confirmer leur inscription ; elles ne recevront
        aucune lettre avant d'avoir confirmé.</p>
      <${Field} id="csv" name="csv" label="Fichier CSV" type="file" accept=".csv,text/csv" error=${(errors.find((e) => e.field === 'csv') || {}).message} />
      <div class="actions"><button class="button" type="submit">Continuer</button></div>
    </form>` : null}

    ${step === 1 ? html`<form class="card" onSubmit=${start}>
      <h2>Vérifier les colonnes</h2>
      <p>${file.name} : ${count(rows.length - 1, 'ligne', 'lignes')} de contacts${rows.length - 1 > CHUNK
        ? `, envoyées en ${Math.ceil((rows.length - 1) / CHUNK)} paquets de ${n(CHUNK)}` : ''}. Dites ce que contient chaque colonne.</p>
      <div class="mapping">${rows[0].map((header, i) => html`<${Field} id=${'map-' + i} as="select" label=${'Colonne « ' + header + ' »'}
          hint=${'Exemple : ' + (rows.slice(1, 4).map((r) => r[i]).filter(Boolean).join(' · ') || '(vide)')}
          value=${mapping[i]} onChange=${(e) => { const value = e.currentTarget.value; setMapping((m) => m.map((x, j) => (j === i ? value : x))); }}
          error=${(errors.find((e) => e.field === 'map-' + i) || {}).message}>
          ${Object.entries(TARGETS).map(([k, l]) => html`<option value=${k}>${l}</option>`)}<//>`)}</div>
      <h3>Premières lignes</h3>
      <div class="preview-rows"><table class="table stack">
        <thead><tr>${rows[0].map((h) => html`<th scope="col">${h}</th>`)}</tr></thead>
        <tbody>${rows.slice(1, 6).map((r) => html`<tr>${rows[0].map((h, i) => html`<td data-label=${h}>${r[i] || '—'}</td>`)}</tr>`)}</tbody>
      </table></div>
      <div class="actions"><button class="button" type="submit">Importer ${count(rows.length - 1, 'contact', 'contacts')}</button>
        <button class="button secondary" type="button" onClick=${() => setStep(0)}>Choisir un autre fichier</button></div>
    </form>` : null}

    ${step === 2 && progress ? html`<section class="card" aria-labelledby="import-progress">
      <h2 id="import-progress">Import en cours</h2>
      <progress max=${progress.chunks} value=${progress.done} aria-labelledby="import-progress"></progress>
      <p role="status">${progress.done} paquet${progress.done > 1 ? 's' : ''} sur ${progress.chunks} —
        ${count(progress.received, 'ligne traitée', 'lignes traitées')} sur ${n(progress.rowsTotal)}.</p>
      ${running ? html`<p class="hint">Vous pouvez fermer cette page : l'import reprendra là où il s'est arrêté quand vous reviendrez.</p>`
        : html`<div class="actions"><button class="button" type="button" onClick=${() => start()}>Reprendre l'import</button></div>`}
    </section>` : null}

    ${step === 3 && progress ? html`<section class="card" aria-labelledby="import-report" data-ready="report">
      <h2 id="import-report">Compte rendu de l'import</h2>
      <ul class="figures">
        <li class="figure"><strong>${n(progress.active + progress.pending)}</strong><span>contacts acceptés</span></li>
        <li class="figure"><strong>${n(progress.active)}</strong><span>inscrits tout de suite (preuve de consentement fournie)</span></li>
        <li class="figure"><strong>${n(progress.pending)}</strong><span>en attente : un e-mail leur demande de confirmer</span></li>
        <li class="figure"><strong>${n(progress.rejected)}</strong><span>lignes refusées</span></li>
      </ul>
      ${progress.pending ? html`<${Notice}>${progress.pending > 1
        ? n(progress.pending) + " personnes vont recevoir un e-mail pour confirmer leur inscription. Tant qu'elles n'ont pas confirmé, elles ne reçoivent aucune lettre."
        : "1 personne va recevoir un e-mail pour confirmer son inscription. Tant qu'elle n'a pas confirmé, elle ne reçoit aucune lettre."}<//>` : null}
      ${progress.rejectedRows.length ? html`<h3>Lignes refusées</h3>
        <table class="table stack import-rejected"><thead><tr><th scope="col">Ligne</th><th scope="col">Adresse</th><th scope="col">Raison</th></tr></thead>
        <tbody>${progress.rejectedRows.map((r) => html`<tr><td class="main-cell">Ligne ${r.line}</td>
          <td data-label="Adresse" class="url">${rows ? (() => { const e = mapping.indexOf('email'); const row = rows[r.line - 1]; return (row && row[e]) || '—'; })() : '—'}</td>
          <td data-label="Raison">${reasonFr(r.reason)}</td></tr>`)}</tbody></table>
        <p class="hint">Corrigez ces lignes dans votre tableur, puis importez-les à nouveau : les contacts déjà acceptés ne seront pas dupliqués.</p>` : null}
      <div class="actions"><a class="button" href=${'#/f/' + fed + '/contacts'}>Voir les contacts</a>
        <button class="button secondary" type="button" onClick=${restart}>Importer un autre fichier</button></div>
    </section>` : null}
  </div>`;
}
