// French words for the API's error codes. The API's own message is the fallback: it is already plain, but in
// English, so every code a person may meet has its sentence here.

const MESSAGES = {
  network: 'Le serveur ne répond pas. Vérifiez votre connexion, puis réessayez.',
  unauthorized: 'Votre session a pris fin. Reconnectez-vous pour continuer.',
  forbidden: "Votre rôle ne permet pas cette action. Demandez à la coordination de votre fédération si vous en avez besoin.",
  csrf: 'La demande a été refusée par sécurité. Rechargez la page, puis réessayez.',
  rate_limited: 'Trop de tentatives en peu de temps. Patientez quelques minutes, puis réessayez.',
  invalid_code: "Ce code n'est pas le bon. Vérifiez les 6 chiffres reçus par courriel.",
  attempt_locked: 'Trop de codes erronés : cette tentative est bloquée. Demandez un nouveau code.',
  code_expired: 'Ce code a expiré (il vaut 10 minutes). Demandez-en un nouveau.',
  link_invalid: 'Ce lien de connexion ne marche plus : il a déjà servi ou il a expiré. Demandez un nouveau code.',
  invitation_invalid: "Cette invitation ne marche plus : elle a déjà servi ou elle a expiré. Demandez à la personne qui vous a invité·e d'en envoyer une autre.",
  invalid_email: "Cette adresse électronique n'est pas valide. Exemple : prenom.nom@exemple.fr",
  invalid_request: 'Certaines informations ne sont pas valides. Corrigez-les, puis réessayez.',
  validation_failed: 'Certaines informations ne sont pas valides. Corrigez-les, puis réessayez.',
  not_found: "Cet élément n'existe pas ou plus.",
  conflict: "Quelqu'un a modifié cet élément entre-temps. Rechargez la page pour voir la dernière version.",
  already_exists: 'Cet élément existe déjà.',
  body_too_large: 'Le fichier est trop gros pour un seul envoi.',
  starting: 'La plateforme démarre. Réessayez dans un instant.',
  internal_error: "Un problème est survenu de notre côté ; rien n'a été modifié. Réessayez dans un moment.",
  sending_paused: "Les envois de la fédération sont en pause (réputation d'envoi). Le siège doit les reprendre.",
};

/** The sentence to show for an error (an ApiError, or anything thrown). */
export function messageFor(error) {
  if (!error) return '';
  if (error.code && MESSAGES[error.code]) return MESSAGES[error.code];
  if (error.status >= 500) return MESSAGES.internal_error;
  return error.message || 'La demande a échoué. Réessayez.';
}

/** Adds or replaces sentences (a view with codes of its own). */
export function defineMessages(more) {
  Object.assign(MESSAGES, more);
}
