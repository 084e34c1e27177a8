// The statistics' charts, as HTML rather than scaled SVG: their words stay at the page's text size at every
// width (the old page's SVG labels shrank to 5 px on a phone), and screen readers read them as lists and tables.
import { html } from '../ui.js';
import { n, pct, count, monthLabel } from '../format.js';

/** Share of the widest value, for a bar's width (the CSSOM sets it: the CSP forbids style attributes). */
function width(value, max) {
  return Math.max(0, Math.min(100, max > 0 ? (100 * (value || 0)) / max : 0));
}

/** A bar whose width is set through the CSSOM after render (no inline style attribute under the CSP). */
function Bar({ value, max, kind = '' }) {
  const set = (el) => { if (el) el.style.width = width(value, max).toFixed(1) + '%'; };
  return html`<span class="bar-track" aria-hidden="true"><span class=${'bar-fill ' + kind} ref=${set}></span></span>`;
}

/** Open and click rates month by month. */
export function MonthChart({ months }) {
  if (!months || !months.length) return html`<p>Aucune lettre envoyée sur cette période.</p>`;
  const max = Math.max(0.1, ...months.map((m) => Math.max(m.rates.open || 0, m.rates.click || 0)));
  return html`<div>
    <ul class="legend" aria-hidden="true"><li><span class="swatch swatch-open"></span>Taux d'ouverture</li>
      <li><span class="swatch swatch-click"></span>Taux de clic</li></ul>
    <ul class="bars month-bars" aria-label="Taux d'ouverture et de clic par mois">
      ${months.map((m) => html`<li>
        <span class="bar-label"><strong>${monthLabel(m.month)}</strong>
          <span>ouverture ${pct(m.rates.open)} · clic ${pct(m.rates.click)}</span></span>
        <${Bar} value=${m.rates.open} max=${max} kind="bar-open" />
        <${Bar} value=${m.rates.click} max=${max} kind="bar-click" />
      </li>`)}
    </ul></div>`;
}

/** Human opens and clicks by weekday and hour (Paris time), with the recommended send time. */
export function Heatmap({ engagement }) {
  if (!engagement) return null;
  const cells = engagement.cells || [];
  const max = Math.max(1, ...cells.flat());
  const level = (v) => (v ? Math.min(5, 1 + Math.floor((4 * v) / max)) : 0);
  const buckets = (hours) => [0, 1, 2, 3, 4, 5, 6, 7].map((b) => hours.slice(b * 3, b * 3 + 3).reduce((a, c) => a + c, 0));
  const bucketMax = Math.max(1, ...cells.map(buckets).flat());
  const bucketLevel = (v) => (v ? Math.min(5, 1 + Math.floor((4 * v) / bucketMax)) : 0);
  const advice = engagement.recommendedSendTime
    ? `Moment conseillé pour envoyer : ${engagement.recommendedSendTime.label} (heure de Paris), juste avant le créneau où vos lecteurs sont le plus actifs.`
    : "Pas encore assez d'ouvertures et de clics pour conseiller un moment d'envoi.";
  return html`<div>
    <p class="recommend"><strong>${advice}</strong></p>
    <table class="heatmap heatmap-hours">
      <caption class="visually-hidden">Ouvertures et clics par jour de la semaine et par heure</caption>
      <thead><tr><th scope="col"><span class="visually-hidden">Jour</span></th>
        ${Array.from({ length: 24 }, (_, h) => html`<th scope="col">${h % 3 === 0 ? h + ' h' : html`<span class="visually-hidden">${h} h</span>`}</th>`)}</tr></thead>
      <tbody>${cells.map((hours, d) => html`<tr><th scope="row">${engagement.days[d]}</th>
        ${hours.map((v, h) => html`<td class=${'heat-' + level(v)} title=${engagement.days[d] + ' ' + h + ' h : ' + n(v)}><span class="visually-hidden">${n(v)}</span></td>`)}</tr>`)}</tbody>
    </table>
    <table class="heatmap heatmap-buckets">
      <caption class="visually-hidden">Ouvertures et clics par jour et par tranche de trois heures</caption>
      <thead><tr><th scope="col"><span class="visually-hidden">Jour</span></th>
        ${[0, 3, 6, 9, 12, 15, 18, 21].map((h) => html`<th scope="col">${h} h</th>`)}</tr></thead>
      <tbody>${cells.map((hours, d) => html`<tr><th scope="row">${engagement.days[d].slice(0, 3)}.</th>
        ${buckets(hours).map((v) => html`<td class=${'heat-' + bucketLevel(v)}>${v ? n(v) : ''}</td>`)}</tr>`)}</tbody>
    </table>
  </div>`;
}

/** Clicks per link of a newsletter. */
export function LinkBars({ links }) {
  if (!links || !links.length) return html`<p>Cette lettre ne contient aucun lien.</p>`;
  const max = Math.max(1, ...links.map((l) => l.clicks));
  return html`<ul class="bars" aria-label="Clics par lien">
    ${links.map((l) => html`<li>
      <span class="bar-label"><span class="url">${l.url}</span>
        <span>${count(l.clicks, 'clic', 'clics')}, ${count(l.uniqueClicks, 'personne', 'personnes')}</span></span>
      <${Bar} value=${l.clicks} max=${max} kind="bar-click" />
    </li>`)}
  </ul>`;
}

/** Ranked federations' open rates (HQ). */
export function RankingChart({ rows }) {
  const ranked = (rows || []).filter((r) => r.rank !== null).slice(0, 25);
  if (!ranked.length) return html`<p>Aucune fédération n'a encore assez de destinataires mesurés pour être classée.</p>`;
  const max = Math.max(0.1, ...ranked.map((r) => r.rates.open || 0));
  return html`<ol class="bars" aria-label="Classement des fédérations">
    ${ranked.map((r) => html`<li>
      <span class="bar-label"><span>${r.rank}. ${r.name}</span>
        <span>${pct(r.rates.open)} (estimation prudente ${pct(r.rates.openLowerBound)})</span></span>
      <${Bar} value=${r.rates.open} max=${max} kind="bar-open" />
    </li>`)}
  </ol>`;
}

/** Growth of the contacts month by month (the home). */
export function GrowthChart({ growth }) {
  const max = Math.max(1, ...growth.map((g) => Math.max(g.added, g.unsubscribed)));
  return html`<div>
    <ul class="legend" aria-hidden="true"><li><span class="swatch swatch-open"></span>Nouveaux contacts</li>
      <li><span class="swatch swatch-click"></span>Désinscriptions</li></ul>
    <ul class="bars month-bars" aria-label="Contacts gagnés et perdus par mois">
      ${growth.map((g) => html`<li>
        <span class="bar-label"><strong>${monthLabel(g.month)}</strong>
          <span>+${n(g.added)} · ${n(g.confirmed)} confirmés · −${n(g.unsubscribed)}</span></span>
        <${Bar} value=${g.added} max=${max} kind="bar-open" />
        <${Bar} value=${g.unsubscribed} max=${max} kind="bar-click" />
      </li>`)}
    </ul></div>`;
}
