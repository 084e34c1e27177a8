// The federation at a glance: its contacts, their growth, the last newsletters and what needs attention.
import { html } from '../ui.js';
import { api } from '../api.js';
import { useResource } from '../hooks.js';
import { can } from '../session.js';
import { Resource, Empty } from '../components/states.js';
import { GrowthChart } from '../components/charts.js';
import { n, pct, date, dateTime, count } from '../format.js';

const STATUS_WORDS = { active: 'inscrits', pending: 'en attente de confirmation', unsubscribed: 'désinscrits' };
const CATEGORY_WORDS = { militant: 'militants', sympathisant: 'sympathisants', curieux: 'curieux', none: 'sans catégorie' };

function Attention({ fed, attention, canWrite }) {
  const items = [];
  if (attention.sendingPause.paused) {
    items.push(html`<li class="notice notice-error"><strong>Envois en pause.</strong> ${attention.sendingPause.reason}</li>`);
  }
  attention.sending.forEach((nl) => items.push(html`<li class="notice notice-warning">
    ${nl.state === 'paused' ? 'En pause' : 'En cours d\'envoi'} : <a href=${'#/f/' + fed + '/lettres/' + nl.id}>${nl.subject || 'Lettre sans objet'}</a>
    ${nl.stateReason ? html` — ${nl.stateReason}` : null}</li>`));
  attention.scheduled.forEach((nl) => items.push(html`<li class="notice">
    Programmée le ${dateTime(nl.scheduledAt)} : <a href=${'#/f/' + fed + '/lettres/' + nl.id}>${nl.subject || 'Lettre sans objet'}</a></li>`));
  attention.drafts.forEach((nl) => items.push(html`<li class="notice notice-warning">
    Brouillon modifié le ${date(nl.updatedAt)} : <a href=${'#/f/' + fed + '/lettres/' + nl.id}>${nl.subject || 'Lettre sans objet'}</a></li>`));
  return html`<section class="card" aria-labelledby="home-attention">
    <h2 id="home-attention">À surveiller</h2>
    ${items.length ? html`<ul class="attention">${items}</ul>` : html`<p>Rien en attente : pas de brouillon, pas d'envoi programmé, les envois ne sont pas en pause.</p>`}
    ${canWrite ? html`<p><a class="button secondary" href=${'#/f/' + fed + '/lettres'}>Voir les lettres</a></p>` : null}
  </section>`;
}

function Contacts({ fed, contacts, me }) {
  const c = contacts;
  if (!c.total) {
    return html`<section class="card" aria-labelledby="home-contacts"><h2 id="home-contacts">Contacts</h2>
      <${Empty} title="Pas encore de contact">
        <p>Les contacts arrivent par le formulaire d'inscription de votre site, ou par un import de fichier.</p>
        ${can(me, 'contacts:write') ? html`<p><a class="button" href=${'#/f/' + fed + '/import'}>Importer des contacts</a></p>` : null}
      <//></section>`;
  }
  return html`<section class="card" aria-labelledby="home-contacts">
    <h2 id="home-contacts">Contacts</h2>
    <ul class="figures">
      <li class="figure"><strong>${n(c.total)}</strong><span>contacts en tout</span></li>
      ${Object.entries(STATUS_WORDS).map(([k, words]) => html`<li class="figure"><strong>${n(c.byStatus[k])}</strong><span>${words}</span></li>`)}
    </ul>
    <h3>Par catégorie</h3>
    <ul class="figures">
      ${Object.entries(CATEGORY_WORDS).map(([k, words]) => html`<li class="figure"><strong>${n(c.byCategory[k])}</strong><span>${words}</span></li>`)}
    </ul>
    <h3>Mois par mois</h3>
    <${GrowthChart} growth=${c.growth} />
    ${can(me, 'contacts:read') ? html`<p><a class="button secondary" href=${'#/f/' + fed + '/contacts'}>Voir les contacts</a></p>` : null}
  </section>`;
}

function LastNewsletters({ fed }) {
  const stats = useResource((signal) => api('GET', '/v1/federations/' + encodeURIComponent(fed) + '/stats', null, { signal }), [fed]);
  return html`<section class="card" aria-labelledby="home-letters">
    <h2 id="home-letters">Dernières lettres envoyées</h2>
    <${Resource} resource=${stats} loading="Chargement des lettres…">${(data) => {
      const last = data.newsletters.slice(0, 5);
      if (!last.length) return html`<p>Aucune lettre envoyée depuis un an.</p>`;
      return html`<table class="table stack"><thead><tr><th scope="col">Lettre</th><th scope="col">Envoyée le</th>
        <th scope="col" class="num">Destinataires</th><th scope="col" class="num">Ouverture</th><th scope="col" class="num">Clic</th></tr></thead>
        <tbody>${last.map((nl) => html`<tr>
          <td class="main-cell"><a href=${'#/f/' + fed + '/lettres/' + encodeURIComponent(nl.id) + '/stats'}>${nl.subject || nl.id}</a></td>
          <td data-label="Envoyée le">${nl.sentAt ? date(nl.sentAt) : '—'}</td>
          <td class="num" data-label="Destinataires">${n(nl.delivery.reached)}</td>
          <td class="num" data-label="Ouverture">${pct(nl.rates.open)}</td>
          <td class="num" data-label="Clic">${pct(nl.rates.click)}</td></tr>`)}</tbody></table>
        <p><a href=${'#/f/' + fed + '/statistiques'}>Toutes les statistiques</a></p>`;
    }}<//>
  </section>`;
}

export default function Home({ fed, me }) {
  const federation = (me.federations || []).find((f) => f.id === fed);
  const mayRead = can(me, 'stats:read');
  const summary = useResource((signal) => (mayRead
    ? api('GET', '/v1/federations/' + encodeURIComponent(fed) + '/summary', null, { signal }) : Promise.resolve(null)), [fed, mayRead]);
  return html`<div>
    <h1>${federation ? federation.name : 'Fédération ' + fed}</h1>
    <p class="lead">Bonjour ${me.displayName || ''}. Voici votre fédération en un coup d'œil.</p>
    ${mayRead ? html`<${Resource} resource=${summary} loading="Chargement du tableau de bord…">${(data) => html`
      <${Attention} fed=${fed} attention=${data.attention} canWrite=${can(me, 'newsletters:write')} />
      <div class="grid grid-home">
        <${Contacts} fed=${fed} contacts=${data.contacts} me=${me} />
        <${LastNewsletters} fed=${fed} />
      </div>`}<//>` : html`<section class="card"><h2>Bienvenue</h2>
      <p>Depuis la console, vous pouvez fabriquer des visuels aux couleurs de la fédération et proposer vos contenus.</p>
      <p><a class="button" href=${'#/f/' + fed + '/visuels'}>Faire un visuel</a></p></section>`}
  </div>`;
}
