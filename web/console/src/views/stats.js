// The federation's statistics (and, for HQ, the national view): the old /stats/ page, inside the console.
import { html, useState } from '../ui.js';
import { api, query } from '../api.js';
import { useResource } from '../hooks.js';
import { can } from '../session.js';
import { Resource } from '../components/states.js';
import { Field } from '../components/field.js';
import { MonthChart, Heatmap, RankingChart } from '../components/charts.js';
import { Tiles, MachineNote, CsvButton, PRIVACY_NOTE } from '../stats-parts.js';
import { n, pct, date } from '../format.js';

function Period({ params, navigate, fed }) {
  const [from, setFrom] = useState(params.du || '');
  const [to, setTo] = useState(params.au || '');
  const submit = (event) => {
    event.preventDefault();
    navigate('/f/' + fed + '/statistiques' + query({ vue: params.vue, du: from, au: to }));
  };
  return html`<form class="card filters" onSubmit=${submit} aria-label="Période">
    <${Field} id="stats-from" label="Du" type="date" value=${from} onInput=${(e) => setFrom(e.currentTarget.value)} />
    <${Field} id="stats-to" label="Au" type="date" value=${to} onInput=${(e) => setTo(e.currentTarget.value)} />
    <div class="field"><button class="button" type="submit">Afficher</button></div>
  </form>`;
}

function Federation({ fed, data, period }) {
  const path = '/v1/federations/' + encodeURIComponent(fed) + '/stats';
  return html`
    <section class="card" aria-labelledby="stats-total">
      <h2 id="stats-total">${data.federation.name}</h2>
      <p class="hint">Du ${date(data.period.from)} au ${date(data.period.to)}</p>
      <${Tiles} s=${data.totals} withNewsletters=${true} />
      <${MachineNote} s=${data.totals} />
      <${CsvButton} path=${path} params=${period} filename=${'statistiques-' + fed + '.csv'} label="Télécharger le tableau (CSV)" />
    </section>
    <section class="card" aria-labelledby="stats-months"><h2 id="stats-months">Mois par mois</h2>
      <p class="hint">Taux calculés sur les lettres envoyées chaque mois.</p><${MonthChart} months=${data.months} /></section>
    <section class="card" aria-labelledby="stats-when"><h2 id="stats-when">Quand vos lecteurs lisent-ils ?</h2>
      <p class="hint">Ouvertures et clics des personnes, par jour et par heure.</p><${Heatmap} engagement=${data.engagement} /></section>
    <section class="card" aria-labelledby="stats-letters"><h2 id="stats-letters">Lettres envoyées</h2>
      ${data.newsletters.length ? html`<p class="hint">Choisissez une lettre pour voir le détail de ses liens.</p>
        <table class="table stack"><thead><tr><th scope="col">Lettre</th><th scope="col">Envoyée le</th>
          <th scope="col" class="num">Destinataires</th><th scope="col" class="num">Ouverture</th><th scope="col" class="num">Clic</th>
          <th scope="col" class="num">Désinscriptions</th></tr></thead>
        <tbody>${data.newsletters.map((nl) => html`<tr>
          <td class="main-cell"><a href=${'#/f/' + fed + '/lettres/' + encodeURIComponent(nl.id) + '/stats'}>${nl.subject || nl.id}</a></td>
          <td data-label="Envoyée le">${nl.sentAt ? date(nl.sentAt) : '—'}</td>
          <td class="num" data-label="Destinataires">${n(nl.delivery.reached)}</td>
          <td class="num" data-label="Ouverture">${pct(nl.rates.open)}</td>
          <td class="num" data-label="Clic">${pct(nl.rates.click)}</td>
          <td class="num" data-label="Désinscriptions">${n(nl.unsubscribes)}</td></tr>`)}</tbody></table>`
        : html`<p>Aucune lettre envoyée sur cette période.</p>`}
    </section>`;
}

function National({ data, period }) {
  return html`
    <section class="card" aria-labelledby="stats-national"><h2 id="stats-national">Vue nationale</h2>
      <p class="hint">Du ${date(data.period.from)} au ${date(data.period.to)}</p>
      <${Tiles} s=${data.totals} withNewsletters=${true} /><${MachineNote} s=${data.totals} />
      <${CsvButton} path="/v1/national/stats" params=${period} filename="statistiques-nationales.csv" label="Télécharger le tableau national (CSV)" />
    </section>
    <section class="card" aria-labelledby="stats-ranking"><h2 id="stats-ranking">Classement des fédérations</h2>
      <p class="hint">Classement prudent sur l'activité des personnes seulement : une petite fédération n'est classée
        qu'à partir de ${n(data.minimumMeasuredToRank)} destinataires mesurés, et un taux obtenu sur peu de destinataires compte moins.</p>
      <${RankingChart} rows=${data.federations} /></section>
    <section class="card" aria-labelledby="stats-when-nat"><h2 id="stats-when-nat">Quand lit-on nos lettres ?</h2>
      <p class="hint">Toutes fédérations confondues.</p><${Heatmap} engagement=${data.engagement} /></section>
    <section class="card" aria-labelledby="stats-all"><h2 id="stats-all">Toutes les fédérations</h2>
      <table class="table stack"><thead><tr><th scope="col" class="num">Rang</th><th scope="col">Fédération</th><th scope="col" class="num">Lettres</th>
        <th scope="col" class="num">Destinataires</th><th scope="col" class="num">Ouverture</th><th scope="col" class="num">Clic</th><th scope="col" class="num">Désinscriptions</th></tr></thead>
      <tbody>${data.federations.filter((f) => f.newsletters > 0).map((f) => html`<tr>
        <td class="num" data-label="Rang">${f.rank === null ? '—' : f.rank}</td><td class="main-cell">${f.name}</td>
        <td class="num" data-label="Lettres">${n(f.newsletters)}</td><td class="num" data-label="Destinataires">${n(f.delivery.reached)}</td>
        <td class="num" data-label="Ouverture">${pct(f.rates.open)}</td><td class="num" data-label="Clic">${pct(f.rates.click)}</td>
        <td class="num" data-label="Désinscriptions">${n(f.unsubscribes)}</td></tr>`)}</tbody></table></section>`;
}

export default function Stats({ fed, params, me, navigate }) {
  const national = params.vue === 'nationale';
  const period = { from: params.du, to: params.au };
  const path = national ? '/v1/national/stats' : '/v1/federations/' + encodeURIComponent(fed) + '/stats';
  const report = useResource((signal) => api('GET', path + query(period), null, { signal }), [path, params.du, params.au]);
  const hq = me && me.home === 'HQ';
  return html`<div data-ready=${report.data ? (national ? 'national' : 'federation') : report.error ? 'error' : undefined}>
    <div class="page-head"><h1>${national ? 'Statistiques nationales' : 'Statistiques'}</h1>
      ${hq && can(me, 'stats:read') ? html`<p>${national
        ? html`<a href=${'#/f/' + fed + '/statistiques'}>Voir la fédération ${fed}</a>`
        : html`<a href=${'#/f/' + fed + '/statistiques?vue=nationale'}>Vue nationale (siège)</a>`}</p>` : null}</div>
    <${Period} params=${params} navigate=${navigate} fed=${fed} />
    <${Resource} resource=${report} loading="Chargement des statistiques…">${(data) => national
      ? html`<${National} data=${data} period=${period} />` : html`<${Federation} fed=${fed} data=${data} period=${period} />`}<//>
    ${PRIVACY_NOTE}
  </div>`;
}
