// Who receives the letter: categories, tags, postal codes, with the number of people counted live by the API
// (POST /v1/federations/{fed}/audience, debounced; a 429 waits as long as the API asks, politely).
import { html, useEffect, useRef, useState } from '../../vendor/htm-preact.js';
import { api } from '../api.js';
import { number, refusal } from './labels.js';

const CATEGORIES = [
  ['militant', 'Militants'],
  ['sympathisant', 'Sympathisants'],
  ['curieux', 'Curieux'],
];
const DEBOUNCE_MS = 450;

export function segmentKey(segment) {
  return JSON.stringify([segment.categories || [], segment.tags || [], segment.postalCodePrefixes || []]);
}

function split(text, pattern) {
  return Array.from(new Set(text.split(pattern).map((t) => t.trim()).filter(Boolean)));
}

/** Live count of the people a segment reaches: { count, state: 'loading'|'ready'|'waiting'|'error', error }. */
export function useAudienceCount(fed, segment) {
  const [result, setResult] = useState({ count: null, state: 'loading' });
  const key = segmentKey(segment);
  const latest = useRef(0);
  useEffect(() => {
    const ticket = ++latest.current;
    const controller = new AbortController();
    let timer;
    let refusals = 0;
    const ask = (delay) => {
      timer = setTimeout(async () => {
        try {
          const answer = await api('POST', `/v1/federations/${fed}/audience`, { segment }, { signal: controller.signal });
          refusals = 0;
          if (ticket === latest.current) setResult({ count: answer.count, state: 'ready' });
        } catch (e) {
          if (e.name === 'AbortError' || ticket !== latest.current) return;
          if (e.status === 429) {
            // The API counts a federation's counts per minute: wait, longer each time it says no.
            const wait = Math.min(60, 5 * 2 ** refusals++);
            setResult((r) => ({ ...r, state: 'waiting', wait }));
            ask(wait * 1000);
          } else {
            setResult((r) => ({ ...r, state: 'error', error: refusal(e) }));
          }
        }
      }, delay);
    };
    setResult((r) => ({ ...r, state: 'loading' }));
    ask(DEBOUNCE_MS);
    return () => { clearTimeout(timer); controller.abort(); };
  }, [fed, key]);
  return result;
}

export function Audience({ fed, segment, onSegment, errors, disabled }) {
  const [tagsText, setTagsText] = useState((segment.tags || []).join(', '));
  const [codesText, setCodesText] = useState((segment.postalCodePrefixes || []).join(' '));
  const count = useAudienceCount(fed, segment);
  const categories = segment.categories || [];
  const toggle = (value) => {
    const next = categories.includes(value) ? categories.filter((c) => c !== value) : [...categories, value];
    onSegment({ ...segment, categories: CATEGORIES.map(([v]) => v).filter((v) => next.includes(v)) });
  };
  const codesError = errors['segment.postalCodePrefixes'] || errors.segment;
  const tagsError = errors['segment.tags'];
  return html`
    <section class="nl-card" aria-labelledby="nl-audience-title">
      <h2 id="nl-audience-title">Destinataires</h2>
      <p class="nl-hint">Seules les personnes qui ont confirmé leur inscription et ne se sont pas désinscrites reçoivent la lettre.
        Sans critère, elle part à toutes.</p>
      <fieldset class="nl-checks" disabled=${disabled}>
        <legend>Catégories</legend>
        ${CATEGORIES.map(([value, label]) => html`
          <label class="nl-check"><input type="checkbox" name="category" value=${value}
            checked=${categories.includes(value)} onChange=${() => toggle(value)} /> ${label}</label>`)}
        <p class="nl-hint">Aucune case cochée : toutes les catégories.</p>
      </fieldset>
      <div class=${'nl-field' + (tagsError ? ' nl-field-error' : '')}>
        <label for="nl-tags">Étiquettes</label>
        <p class="nl-hint" id="nl-tags-hint">Séparées par des virgules. Une personne qui porte l'une d'elles est retenue.</p>
        ${tagsError && html`<p class="nl-error" id="nl-tags-error">${tagsError}</p>`}
        <input id="nl-tags" type="text" value=${tagsText} disabled=${disabled} autocomplete="off"
          aria-describedby=${'nl-tags-hint' + (tagsError ? ' nl-tags-error' : '')}
          onInput=${(e) => { setTagsText(e.currentTarget.value); onSegment({ ...segment, tags: split(e.currentTarget.value, /,/) }); }} />
      </div>
      <div class=${'nl-field' + (codesError ? ' nl-field-error' : '')}>
        <label for="nl-codes">Codes postaux</label>
        <p class="nl-hint" id="nl-codes-hint">Le début suffit : « 06 » pour tout le département, « 06000 06100 » pour deux villes.</p>
        ${codesError && html`<p class="nl-error" id="nl-codes-error">${codesError}</p>`}
        <input id="nl-codes" type="text" inputmode="numeric" value=${codesText} disabled=${disabled} autocomplete="off"
          aria-describedby=${'nl-codes-hint' + (codesError ? ' nl-codes-error' : '')}
          onInput=${(e) => { setCodesText(e.currentTarget.value); onSegment({ ...segment, postalCodePrefixes: split(e.currentTarget.value, /[\s,;]+/) }); }} />
      </div>
      <p class="nl-count" role="status" aria-live="polite" data-count=${count.state === 'ready' ? count.count : ''}>
        ${count.state === 'ready' && html`<strong>${number(count.count)}</strong> ${count.count === 1 ? 'personne recevra' : 'personnes recevront'} cette lettre.`}
        ${count.state === 'loading' && (count.count == null ? 'Calcul du nombre de destinataires…' : html`<strong>${number(count.count)}</strong> personnes… (mise à jour)`)}
        ${count.state === 'waiting' && `Beaucoup de calculs demandés : le nombre se met à jour dans ${count.wait} secondes.`}
        ${count.state === 'error' && `Le nombre de destinataires n'a pas pu être calculé : ${count.error}`}
      </p>
    </section>`;
}
