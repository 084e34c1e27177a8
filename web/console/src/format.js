// Numbers, dates and French plurals, written once.
const integer = new Intl.NumberFormat('fr-FR');
const percent = new Intl.NumberFormat('fr-FR', { style: 'percent', maximumFractionDigits: 1 });
const day = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'Europe/Paris' });
const dayTime = new Intl.DateTimeFormat('fr-FR', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });
const month = new Intl.DateTimeFormat('fr-FR', { month: 'short', year: '2-digit', timeZone: 'UTC' });

export const n = (v) => integer.format(v || 0);
export const pct = (v) => (v === null || v === undefined ? '—' : percent.format(v));
/** "0 personne", "1 personne", "2 personnes": French takes the singular for 0 and 1. */
export const count = (v, one, many) => n(v) + ' ' + ((v || 0) < 2 ? one : many);
export const plural = (v, one, many) => ((v || 0) < 2 ? one : many);
export const date = (iso) => (iso ? day.format(new Date(iso)) : '—');
export const dateTime = (iso) => (iso ? dayTime.format(new Date(iso)) : '—');
/** "2026-03" → "mars 26" */
export const monthLabel = (ym) => month.format(new Date(ym + '-01T00:00:00Z'));

export const STATUS = {
  pending: 'en attente de confirmation',
  confirmed: 'inscrit·e',
  unsubscribed: 'désinscrit·e',
  bounced: 'adresse en échec',
  complained: 'a signalé un indésirable',
  erased: 'effacé·e',
};
export const CATEGORY = {
  sympathisant: 'sympathisant·e',
  adherent: 'adhérent·e',
  elu: 'élu·e',
  militant: 'militant·e',
  benevole: 'bénévole',
};
export const ROLE = {
  'hq-admin': 'administration du siège',
  'hq-staff': 'équipe du siège',
  coordinator: 'coordination',
  editor: 'rédaction',
  'e-militant': 'e-militant·e',
};
export const label = (table, key) => (key in table ? table[key] : key);
