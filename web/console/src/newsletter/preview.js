// The branded email, as the API renders it, in a sandboxed frame at a desktop or a phone's width.
//
// The console's Content-Security-Policy (style-src 'self', img-src 'self' data: blob:) also rules a srcdoc frame,
// which would drop the email's inline styles. So the frame starts empty and this module, from the console's own
// script, moves the parsed email in and gives each element its style through the CSSOM (el.style.cssText), which
// the policy allows. The frame runs no script (sandbox without allow-scripts) and follows no link. Pictures from
// other sites cannot load under the policy: a grey box with their description stands in for them, and the
// note under the preview says so.
import { html, useEffect, useRef, useState } from '../../vendor/htm-preact.js';

export const WIDTHS = { desktop: 640, mobile: 375 };

const DROP = 'script, iframe, frame, object, embed, link, meta, base, form, style, noscript';

function sameOrigin(src) {
  try {
    const url = new URL(src, window.location.href);
    return url.protocol === 'data:' || url.protocol === 'blob:' || url.origin === window.location.origin;
  } catch (e) {
    return false;
  }
}

/**
 * Inline styles renamed before parsing: the parser of a page under this policy reports (and drops) every style
 * attribute it meets. The server escapes every "<" of the letter's text, so a "<" only ever opens a real tag.
 */
const STYLE_ATTRIBUTE = /(<[a-zA-Z][^>]*?\s)style\s*=/g;
const KEPT_STYLE = 'data-et-style';

/** Paints the email into the frame's document; returns how many pictures could not be shown. */
export function paint(doc, source) {
  const parsed = new DOMParser().parseFromString(source.replace(STYLE_ATTRIBUTE, `$1${KEPT_STYLE}=`), 'text/html');
  parsed.querySelectorAll(DROP).forEach((n) => n.remove());
  let stoodIn = 0;
  parsed.querySelectorAll('img').forEach((img) => {
    const src = img.getAttribute('src') || '';
    const width = Number(img.getAttribute('width')) || 0;
    if (width > 0 && width <= 2) {
      img.remove(); // a tracking pixel: never in a preview
    } else if (!sameOrigin(src)) {
      const box = parsed.createElement('div');
      box.setAttribute('role', 'img');
      box.setAttribute('aria-label', img.getAttribute('alt') || 'Image');
      box.textContent = `Image : ${img.getAttribute('alt') || src}`;
      const height = img.getAttribute('height');
      box.setAttribute(KEPT_STYLE, `display:block;box-sizing:border-box;width:100%;max-width:${width ? width + 'px' : '100%'};`
        + `min-height:${height ? height + 'px' : '120px'};padding:12px;margin:0 0 16px 0;background:#e8e8ea;color:#333;`
        + 'font:14px/1.4 sans-serif;border:1px dashed #888;border-radius:4px;');
      img.replaceWith(box);
      stoodIn++;
    }
  });
  parsed.querySelectorAll('*').forEach((el) => {
    for (const attr of Array.from(el.attributes)) {
      if (/^on/i.test(attr.name) || attr.name === 'style') el.removeAttribute(attr.name);
    }
  });
  doc.title = parsed.title;
  const body = doc.adoptNode(parsed.body);
  doc.documentElement.replaceChild(body, doc.body);
  doc.querySelectorAll(`[${KEPT_STYLE}]`).forEach((el) => {
    el.style.cssText = el.getAttribute(KEPT_STYLE);
    el.removeAttribute(KEPT_STYLE);
  });
  return stoodIn;
}

/**
 * @param source the preview HTML (null while loading)
 * @param mode 'desktop' | 'mobile'
 */
export function Preview({ source, mode, stale }) {
  const frame = useRef(null);
  const box = useRef(null);
  const [stoodIn, setStoodIn] = useState(0);
  const [height, setHeight] = useState(600);
  const [room, setRoom] = useState(10000);

  // On a narrow screen the frame keeps its width (the email lays out as it would there) and is drawn smaller.
  useEffect(() => {
    const el = box.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(() => setRoom(el.clientWidth));
    observer.observe(el);
    setRoom(el.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const el = frame.current;
    if (!el || source == null) return undefined;
    let done = false;
    const draw = () => {
      const doc = el.contentDocument;
      if (done || !doc || !doc.body) return;
      done = true;
      setStoodIn(paint(doc, source));
      doc.addEventListener('click', (e) => e.preventDefault());
      doc.addEventListener('submit', (e) => e.preventDefault());
      const measure = () => setHeight(Math.max(300, Math.ceil(doc.body.scrollHeight)));
      measure();
      setTimeout(measure, 50);
    };
    // A fresh empty document each time; drawn once it is ready.
    el.addEventListener('load', draw, { once: true });
    el.srcdoc = '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Aperçu</title></head><body></body></html>';
    return () => { done = true; el.removeEventListener('load', draw); };
  }, [source, mode]);

  const width = WIDTHS[mode];
  const label = mode === 'mobile' ? 'téléphone' : 'ordinateur';
  const border = mode === 'mobile' ? 12 : 2;
  const scale = Math.min(1, (room - border) / width);
  return html`
    <div class="nl-preview-frame" data-mode=${mode} data-stale=${stale ? 'true' : 'false'} ref=${box}>
      ${source == null && html`<p class="nl-muted" role="status">Préparation de l'aperçu…</p>`}
      <div class="nl-preview-scroll" style=${{ width: Math.ceil(width * scale) + border + 'px', height: Math.ceil(height * scale) + border + 'px' }}
        data-scale=${scale.toFixed(2)}>
        <iframe ref=${frame} sandbox="allow-same-origin" title=${`Aperçu de la lettre sur ${label}`}
          width=${width} height=${height}
          style=${{ width: width + 'px', height: height + 'px', transform: scale < 1 ? `scale(${scale})` : 'none', transformOrigin: '0 0' }}
          data-width=${width} tabindex="0"></iframe>
      </div>
      ${stoodIn > 0 && html`<p class="nl-muted">${stoodIn === 1
        ? "Une image d'un autre site est remplacée par un cadre gris dans cet aperçu ; elle s'affiche dans le courriel reçu."
        : `${stoodIn} images d'autres sites sont remplacées par un cadre gris dans cet aperçu ; elles s'affichent dans le courriel reçu.`}</p>`}
    </div>`;
}
