// French words for a newsletter's states and for the refusals the newsletter API gives.

export const STATES = {
  draft: 'Brouillon',
  scheduled: 'Programmée',
  sending: "En cours d'envoi",
  sent: 'Envoyée',
  cancelled: 'Annulée',
  paused: 'En pause',
};

export function stateLabel(state) {
  return STATES[state] || state;
}

/** Refusals of the newsletter routes, in plain French; the API's own message is the fallback. */
const MESSAGES = {
  insecure_link: 'Ce lien doit commencer par https:// : un lien en http:// peut être détourné en chemin.',
  invalid_body: "Ce brouillon n'a pas pu être lu : rechargez la page.",
  validation_failed: 'Une valeur ne convient pas.',
  not_a_draft: "Cette lettre n'est plus un brouillon : elle ne peut plus être modifiée.",
  concurrent_update: "La lettre a été modifiée ailleurs en même temps : rechargez la page.",
  already_sent: 'Cette lettre est déjà partie ou programmée.',
  empty_segment: "Personne ne correspond à ce public : élargissez les critères.",
  invalid_time: "Cette date ou cette heure ne convient pas (au plus un an à l'avance).",
  blackout: "Aucun envoi n'est permis à ce moment (période sans envoi décidée par le siège).",
  sending_paused: "Les envois de la fédération sont en pause : le siège doit les reprendre.",
  not_cancellable: "Cette lettre ne peut plus être annulée.",
  rate_limited: 'Trop de demandes à la fois : réessayez dans un instant.',
  too_many_requests: 'Trop de demandes à la fois : réessayez dans un instant.',
  forbidden: "Votre rôle ne permet pas cette action.",
  invalid_email: "Cette adresse n'est pas valide.",
  not_found: "Cette lettre n'existe pas (ou plus).",
  csrf: 'La page est trop ancienne : rechargez-la.',
  network: 'Le serveur ne répond pas : vérifiez votre connexion.',
  invalid_required: 'À remplir.',
  invalid_minLength: 'À remplir.',
  invalid_maxLength: 'Trop long.',
  invalid_maxItems: 'Trop nombreux.',
  invalid_pattern: "Ce format n'est pas accepté.",
  invalid_format: "Ce format n'est pas accepté.",
  invalid_enum: "Cette valeur n'est pas proposée.",
};

export function refusal(error) {
  if (!error) return '';
  if (error.status === 429) return MESSAGES.rate_limited;
  return MESSAGES[error.code] || error.message || 'Une erreur est survenue.';
}

const PARIS = 'Europe/Paris';

export function parisDateTime(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleString('fr-FR', {
    timeZone: PARIS, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit',
  });
}

export function shortDate(iso) {
  if (!iso) return '';
  return new Date(iso).toLocaleDateString('fr-FR', { timeZone: PARIS, day: 'numeric', month: 'short', year: 'numeric' });
}

export function number(n) {
  return new Intl.NumberFormat('fr-FR').format(n || 0);
}

export function people(n) {
  return `${number(n)} ${n === 1 ? 'personne' : 'personnes'}`;
}

/** "environ 3 minutes", "moins d'une minute" for a number of seconds. */
export function duration(seconds) {
  if (seconds == null) return '';
  if (seconds < 60) return "moins d'une minute";
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `environ ${minutes} minute${minutes > 1 ? 's' : ''}`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return `environ ${hours} h ${rest ? String(rest).padStart(2, '0') : ''}`.trim();
}
