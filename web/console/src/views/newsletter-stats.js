// One newsletter's statistics: figures, clicks per link, when it was read; CSV of the clicks per link.
import { html } from '../ui.js';
import { api } from '../api.js';
import { useResource } from '../hooks.js';
import { Resource } from '../components/states.js';
import { LinkBars, Heatmap } from '../components/charts.js';
import { Tiles, MachineNote, CsvButton, PRIVACY_NOTE } from '../stats-parts.js';
import { n, date } from '../format.js';

export default function NewsletterStats({ fed, params }) {
  const id = params.id;
  const path = '/v1/federations/' + encodeURIComponent(fed) + '/newsletters/' + encodeURIComponent(id) + '/stats';
  const report = useResource((signal) => api('GET', path, null, { signal }), [path]);
  return html`<div data-ready=${report.data ? 'newsletter' : report.error ? 'error' : undefined}>
    <p class="breadcrumb"><a href=${'#/f/' + fed + '/statistiques'}>← Toutes les lettres de la fédération</a></p>
    <${Resource} resource=${report} loading="Chargement des statistiques…">${(data) => html`
      <h1>${data.newsletter.subject || data.newsletter.id}</h1>
      <p class="lead">${data.newsletter.sentAt ? 'Envoyée le ' + date(data.newsletter.sentAt) : 'Pas encore envoyée'}</p>
      <section class="card" aria-labelledby="nl-figures"><h2 id="nl-figures">En chiffres</h2>
        <${Tiles} s=${data} withNewsletters=${false} /><${MachineNote} s=${data} />
        <${CsvButton} path=${path} filename=${'statistiques-' + fed + '-' + id + '.csv'} label="Télécharger les clics par lien (CSV)" />
      </section>
      <section class="card" aria-labelledby="nl-links"><h2 id="nl-links">Clics par lien</h2>
        <p class="hint">Clics des personnes (les robots sont exclus), et nombre de personnes différentes.</p>
        <${LinkBars} links=${data.links} />
        ${data.links.length ? html`<table class="table stack"><thead><tr><th scope="col">Lien</th><th scope="col" class="num">Clics</th>
          <th scope="col" class="num">Personnes</th><th scope="col" class="num">Robots</th></tr></thead>
          <tbody>${data.links.map((l) => html`<tr><td class="main-cell url">${l.url}</td><td class="num" data-label="Clics">${n(l.clicks)}</td>
            <td class="num" data-label="Personnes">${n(l.uniqueClicks)}</td><td class="num" data-label="Robots">${n(l.machineClicks)}</td></tr>`)}</tbody></table>` : null}
      </section>
      <section class="card" aria-labelledby="nl-when"><h2 id="nl-when">Quand cette lettre a-t-elle été lue ?</h2>
        <${Heatmap} engagement=${data.engagement} /></section>`}<//>
    ${PRIVACY_NOTE}
  </div>`;
}
