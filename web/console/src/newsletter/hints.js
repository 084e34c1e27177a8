// Deliverability hints for a draft, computed as the person types: what filters and readers hold against an email.
// Each hint: { id, level: 'warning' | 'advice', text, field? } — field names the input to fix (as the API names it).

/**
 * SpamAssassin's HTML_IMAGE_ONLY_04 … _32 rules score an HTML email that has images and fewer than 400 … 3,200
 * characters of text (the higher scores fall on the lower bands); HTML_IMAGE_RATIO_* adds to it when images take
 * most of the room. Below these amounts, the email reads as "mostly image".
 */
const IMAGE_ONLY_STRONG = 800;
const TEXT_PER_IMAGE = 400;

/** Subjects that say nothing of what is inside: filters and readers skip them. */
const EMPTY_SUBJECTS = [
  'newsletter', 'lettre', 'lettre d information', 'la lettre', 'nouvelle lettre', 'info', 'infos', 'information',
  'informations', 'actualite', 'actualites', 'actu', 'actus', 'news', 'nouvelles', 'test', 'essai', 'bonjour',
  'sans titre', 'important', 'urgent', 'a lire', 'message', 'communique', 'lettre n', 'numero',
];

function plain(value) {
  return (value || '')
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
}

/** The words a reader sees: Markdown marks and link targets do not count. */
export function visibleText(blocks) {
  return (blocks || []).map((b) => {
    if (b.type === 'heading') return b.text || '';
    if (b.type === 'text') {
      return (b.markdown || '')
        .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
        .replace(/[*_#>`-]/g, ' ')
        .replace(/\{\{firstName\}\}/g, 'Prénom');
    }
    if (b.type === 'button') return b.label || '';
    return '';
  }).join(' ').replace(/\s+/g, ' ').trim();
}

export function subjectHint(subject) {
  const s = (subject || '').trim();
  if (!s) return null;
  const words = plain(s).replace(/\b(n|no|numero)\s*\d+\b/g, ' ').replace(/\d+/g, ' ').trim();
  if (EMPTY_SUBJECTS.includes(words) || words.split(' ').filter((w) => w.length > 2).length < 2) {
    return "L'objet ne dit pas ce que contient la lettre : nommez le sujet (« Réunion publique jeudi à Bastia »). "
      + 'Un objet vague est moins ouvert et plus souvent classé en indésirables.';
  }
  const letters = s.replace(/[^A-Za-zÀ-ÿ]/g, '');
  if (letters.length >= 6 && letters === letters.toUpperCase()) {
    return "L'objet est tout en majuscules : les filtres anti-spam le pénalisent. Écrivez-le normalement.";
  }
  if (/[!?]{2,}/.test(s) || (s.match(/!/g) || []).length > 1) {
    return "Plusieurs points d'exclamation dans l'objet font penser à une publicité : un seul suffit.";
  }
  return null;
}

const HTTP_LINK = /\]\(\s*http:\/\//i;

export function hints(draft) {
  const out = [];
  const subject = subjectHint(draft.subject);
  if (subject) out.push({ id: 'subject', level: 'warning', text: subject, field: 'subject' });

  const blocks = draft.blocks || [];
  const images = blocks.filter((b) => b.type === 'image').length;
  const text = visibleText(blocks).length;
  if (images > 0 && (text < IMAGE_ONLY_STRONG || text < TEXT_PER_IMAGE * images)) {
    out.push({
      id: 'image-only', level: 'warning',
      text: `Cette lettre est faite surtout d'images (${images} image${images > 1 ? 's' : ''}, ${text} caractères de texte). `
        + 'Les filtres anti-spam (règles HTML_IMAGE_ONLY de SpamAssassin) classent ces courriels en indésirables, '
        + "et beaucoup de messageries n'affichent pas les images : écrivez l'essentiel en texte "
        + `(au moins ${Math.max(IMAGE_ONLY_STRONG, TEXT_PER_IMAGE * images)} caractères).`,
    });
  }
  blocks.forEach((b, i) => {
    for (const key of ['url', 'link']) {
      const value = (b[key] || '').trim();
      if (/^http:\/\//i.test(value)) {
        out.push({ id: `http-${i}-${key}`, level: 'warning', field: `blocks[${i}].${key}`,
          text: `Bloc ${i + 1} : le lien commence par http:// et non https:// ; il sera refusé. Un lien non chiffré peut être détourné en chemin.` });
      } else if (value && !/^https:\/\//i.test(value)) {
        out.push({ id: `scheme-${i}-${key}`, level: 'warning', field: `blocks[${i}].${key}`,
          text: `Bloc ${i + 1} : un lien doit commencer par https:// (par exemple https://exemple.fr/agenda).` });
      }
    }
    if (b.type === 'text' && HTTP_LINK.test(b.markdown || '')) {
      out.push({ id: `http-${i}-markdown`, level: 'warning', field: `blocks[${i}].markdown`,
        text: `Bloc ${i + 1} : un lien du texte commence par http:// ; écrivez https://.` });
    }
  });
  if (!blocks.some((b) => b.type === 'text')) {
    out.push({ id: 'no-text', level: 'advice', text: 'Ajoutez un bloc de texte : quelques phrases disent mieux le message qu’un titre seul.' });
  }
  return out;
}
