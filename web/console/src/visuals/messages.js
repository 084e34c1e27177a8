// The visuals API's refusals, in French, on the field they name (fields.<name>, fields.<name>.data|content).

/** "fields.portrait.data" → "portrait"; "template" → "template". */
export function fieldName(field) {
  if (!field) return null;
  const m = /^fields\.([A-Za-z0-9]+)/.exec(field);
  return m ? m[1] : field;
}

export function visualMessage(error, spec, format) {
  const max = spec?.maxLength?.[format];
  switch (error.code) {
    case 'text_too_long':
      return `Trop long pour ce format : ${max ? `${max} caractères au plus` : 'raccourcissez-le'}.`;
    case 'text_does_not_fit':
      return `Ce texte ne tient pas dans son cadre, même écrit plus petit : raccourcissez-le${max ? ` (environ ${max} caractères de mots ordinaires tiennent)` : ''}, ou coupez les mots très longs.`;
    case 'field_required':
      return 'À remplir.';
    case 'emoji_not_supported':
      return 'Les émojis ne peuvent pas être dessinés sur le visuel : retirez-les, ou dites la même chose en mots.';
    case 'unsupported_character':
      return "Un caractère de ce texte n'existe pas dans la police du parti : retirez-le (les lettres accentuées, « », – et € passent).";
    case 'invalid_date':
      return 'Choisissez une date valide (par exemple le 12/12/2026).';
    case 'invalid_time':
      return 'Choisissez une heure valide (par exemple 18:30).';
    case 'unknown_field':
      return "Ce champ n'existe pas pour ce modèle : rechargez la page.";
    case 'photo_too_large':
      return 'Cette photo est trop lourde ou trop grande : 5 Mo au plus. Réduisez-la ou choisissez-en une autre.';
    case 'photo_not_an_image':
      return "Ce fichier n'est pas une photo : choisissez un fichier JPEG, PNG ou GIF.";
    case 'photo_unreadable':
      return "Cette photo est abîmée ou illisible : essayez-en une autre.";
    case 'photo_not_found':
      return "Cette image de la bibliothèque n'est plus disponible pour votre fédération : choisissez-en une autre.";
    case 'invalid_photo_data':
      return "La photo n'a pas pu être lue : choisissez-la à nouveau.";
    case 'unknown_template':
      return "Ce modèle n'existe plus : rechargez la page.";
    case 'unknown_format':
      return "Ce format n'existe plus : rechargez la page.";
    case 'payload_too_large':
    case 'body_too_large':
      return 'La photo est trop lourde pour être envoyée : 5 Mo au plus.';
    case 'rate_limited':
      return 'Beaucoup de demandes à la fois : réessayez dans un instant.';
    case 'forbidden':
      return 'Votre rôle ne permet pas de faire des visuels.';
    default:
      if ((error.code || '').startsWith('invalid_')) return "Cette valeur n'est pas acceptée.";
      return error.message || 'Une erreur est survenue.';
  }
}

export const LICENSES = [
  ['own-work', 'Création de la fédération'],
  ['licensed', 'Sous licence (achetée, cédée)'],
  ['cc-by', 'Creative Commons BY'],
  ['cc-by-sa', 'Creative Commons BY-SA'],
  ['cc0', 'Domaine public (CC0)'],
];

export const CONTENT_STATES = {
  awaiting_upload: 'Vérification du fichier…',
  submitted: 'Dans la bibliothèque, en attente de validation',
  approved: 'Publié dans la bibliothèque',
  rejected: 'Refusé',
};
