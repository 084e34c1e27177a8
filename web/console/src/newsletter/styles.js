// The newsletter and visuals screens' own stylesheet (letters.css), added once when one of them is first shown.
const HREF = new URL('../../letters.css', import.meta.url).href;

export function useLetterStyles() {
  if (typeof document === 'undefined' || document.querySelector('link[data-letters-css]')) return;
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = HREF;
  link.setAttribute('data-letters-css', '');
  document.head.append(link);
}
