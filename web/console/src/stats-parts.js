// Pieces shared by the federation's and a newsletter's statistics (tiles, notes, CSV downloads).
import { html, useState } from './ui.js';
import { apiBlob, download, query } from './api.js';
import { messageFor } from './messages.js';
import { n, pct, count, plural } from './format.js';

function Tile({ label, value, help }) {
  return html`<li class="tile"><p class="tile-label">${label}</p><p class="tile-value">${value}</p><p class="tile-help">${help}</p></li>`;
}

export function Tiles({ s, withNewsletters }) {
  return html`<ul class="tiles" role="list">
    ${withNewsletters
      ? html`<${Tile} label="Lettres envoyées" value=${n(s.newsletters)} help=${count(s.delivery.reached, 'e-mail arrivé', 'e-mails arrivés')} />`
      : html`<${Tile} label="Destinataires" value=${n(s.delivery.reached)}
          help=${count(s.delivery.sent, 'envoyé', 'envoyés') + ', ' + count(s.delivery.bounced, 'refusé', 'refusés')} />`}
    <${Tile} label="Taux d'ouverture" value=${pct(s.rates.open)} help=${s.delivery.measured
      ? count(s.opens.unique, 'personne', 'personnes') + ' sur ' + count(s.delivery.measured, 'mesurée', 'mesurées') + ' '
        + plural(s.opens.unique, 'a ouvert', 'ont ouvert')
      : "aucune personne mesurée (la mesure individuelle demande l'accord de chacun)"} />
    <${Tile} label="Taux de clic" value=${pct(s.rates.click)}
      help=${count(s.clicks.unique, 'personne a cliqué', 'personnes ont cliqué') + ' au moins une fois'} />
    <${Tile} label="Clics par ouverture" value=${pct(s.rates.clickToOpen)} help="parmi celles qui ont ouvert, la part qui a cliqué" />
    <${Tile} label="Désinscriptions" value=${n(s.unsubscribes)} help=${pct(s.rates.unsubscribe) + ' des destinataires'} />
  </ul>`;
}

export function MachineNote({ s }) {
  return html`<p class="note">Écartés des taux : ${n(s.opens.machine)} ouvertures automatiques (messageries qui
    téléchargent les images d'avance) et ${n(s.clicks.machine)} clics de robots de sécurité. Ouvertures totales
    par des personnes : ${n(s.opens.total)}, clics totaux : ${n(s.clicks.total)}.</p>`;
}

/** A button that downloads the CSV form of a statistics route, with its failure shown beside it. */
export function CsvButton({ path, params, filename, label }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const go = async () => {
    setBusy(true);
    setError(null);
    try {
      download(await apiBlob('GET', path + query({ ...(params || {}), format: 'csv' })), filename);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return html`<span class="csv">
    <button type="button" class="button secondary" onClick=${go} disabled=${busy}>${busy ? 'Préparation…' : label}</button>
    ${error ? html`<span class="field-error" role="alert">${messageFor(error)}</span>` : null}
  </span>`;
}

export const PRIVACY_NOTE = html`<p class="note">Seules les personnes qui ont accepté la mesure d'audience sont comptées
  individuellement ; pour les autres, ouvertures et clics sont comptés de façon anonyme. Les ouvertures automatiques
  (protection de la vie privée d'Apple Mail, proxy d'images de Gmail) et les clics de robots de sécurité sont comptés à
  part et n'entrent pas dans les taux.</p>`;
