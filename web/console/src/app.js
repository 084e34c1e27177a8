// The console's shell: who is signed in, the header (federation switcher, navigation, sign out), and a hash
// router that loads each screen's module (views/<name>.js) with import() the first time it is shown.
import { html, render, useState, useEffect, useRef } from './ui.js';
import { refresh, onSession, session, signOut, can } from './session.js';
import { Loading, Failure } from './components/states.js';

/** Every screen: its hash pattern, its module, its name in the navigation, the permission it needs. */
export const ROUTES = [
  { path: 'connexion', view: 'sign-in', title: 'Connexion', public: true },
  { path: 'invitation', view: 'invitation', title: 'Invitation', public: true },
  { path: 'f/:fed', view: 'home', title: 'Accueil', nav: 'Accueil' },
  { path: 'f/:fed/contacts', view: 'contacts', title: 'Contacts', nav: 'Contacts', permission: 'contacts:read' },
  { path: 'f/:fed/contacts/:id', view: 'contact', title: 'Contact', permission: 'contacts:read', section: 'contacts' },
  { path: 'f/:fed/import', view: 'import', title: 'Importer des contacts', permission: 'contacts:write', section: 'contacts' },
  { path: 'f/:fed/lettres', view: 'newsletters', title: 'Lettres', nav: 'Lettres', permission: 'newsletters:write' },
  { path: 'f/:fed/lettres/:id', view: 'newsletter-editor', title: 'Lettre', permission: 'newsletters:write', section: 'lettres' },
  { path: 'f/:fed/lettres/:id/stats', view: 'newsletter-stats', title: "Statistiques d'une lettre", permission: 'stats:read', section: 'statistiques' },
  { path: 'f/:fed/statistiques', view: 'stats', title: 'Statistiques', nav: 'Statistiques', permission: 'stats:read' },
  { path: 'f/:fed/visuels', view: 'visuals', title: 'Visuels', nav: 'Visuels', permission: 'visuals:make' },
  { path: 'f/:fed/equipe', view: 'team', title: 'Équipe', nav: 'Équipe', permission: 'people:manage' },
  { path: 'f/:fed/site', view: 'website', title: 'Site web', nav: 'Site web', permission: 'keys:manage' },
];

/** "#/f/06/contacts?q=x" → {route, params:{fed:"06", q:"x"}}; null when nothing matches. */
export function match(hash) {
  const raw = (hash || '').replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  for (const route of ROUTES) {
    const pattern = route.path.split('/');
    if (pattern.length !== parts.length) continue;
    const params = {};
    const ok = pattern.every((p, i) => {
      if (p.startsWith(':')) {
        params[p.slice(1)] = decodeURIComponent(parts[i]);
        return true;
      }
      return p === parts[i];
    });
    if (ok) {
      new URLSearchParams(search).forEach((v, k) => { if (!(k in params)) params[k] = v; });
      return { route, params, path };
    }
  }
  return null;
}

export function navigate(to, { replace } = {}) {
  const hash = to.startsWith('#') ? to : '#' + (to.startsWith('/') ? to : '/' + to);
  if (replace) history.replaceState(null, '', hash);
  else location.hash = hash;
  if (replace) window.dispatchEvent(new HashChangeEvent('hashchange'));
}

const modules = new Map();
function load(view) {
  if (!modules.has(view)) {
    const promise = import('./views/' + view + '.js');
    promise.catch(() => modules.delete(view)); // a failed load is tried again on the next visit
    modules.set(view, promise);
  }
  return modules.get(view);
}

function useHash() {
  const [hash, setHash] = useState(location.hash);
  useEffect(() => {
    const onChange = () => setHash(location.hash);
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return hash;
}

function useSession() {
  const [state, setState] = useState(session());
  useEffect(() => onSession(setState), []);
  return state;
}

const LAST_FED = 'eterrain-console-federation';

/** Where a signed-in person lands: the last federation they chose, else their own, else the first allowed. */
export function homeFed(person) {
  const feds = (person && person.federations) || [];
  const last = localStorage.getItem(LAST_FED);
  if (last && feds.some((f) => f.id === last)) return last;
  if (person && person.home && person.home !== 'HQ' && feds.some((f) => f.id === person.home)) return person.home;
  return feds.length ? feds[0].id : (person && person.home) || '06';
}

function FederationSwitcher({ person, fed, path }) {
  const feds = person.federations || [];
  if (feds.length <= 1) {
    const only = feds[0];
    return html`<span class="federation-name">${only ? only.name : fed}</span>`;
  }
  const change = (event) => {
    const next = event.currentTarget.value;
    localStorage.setItem(LAST_FED, next);
    navigate('/' + path.replace(/^f\/[^/]+/, 'f/' + encodeURIComponent(next)).replace(/\/(contacts|lettres)\/[^/]+.*$/, '/$1'));
  };
  return html`<label class="federation-switcher"><span class="visually-hidden">Fédération</span>
    <select id="federation-switcher" value=${fed} onChange=${change}>
      ${feds.map((f) => html`<option value=${f.id}>${f.name} (${f.id})</option>`)}
    </select></label>`;
}

function Header({ person, fed, current, path }) {
  const [menu, setMenu] = useState(false);
  const account = useRef(null);
  // The account menu closes on Échap (focus back on its button), on a click elsewhere and on a new screen.
  useEffect(() => { setMenu(false); }, [path]);
  useEffect(() => {
    if (!menu) return undefined;
    const onKey = (e) => {
      if (e.key === 'Escape') {
        setMenu(false);
        const button = account.current && account.current.querySelector('button');
        if (button) button.focus();
      }
    };
    const onClick = (e) => { if (account.current && !account.current.contains(e.target)) setMenu(false); };
    document.addEventListener('keydown', onKey);
    document.addEventListener('click', onClick);
    return () => { document.removeEventListener('keydown', onKey); document.removeEventListener('click', onClick); };
  }, [menu]);
  const sections = ROUTES.filter((r) => r.nav && (!r.permission || can(person, r.permission)));
  const active = current && (current.section || current.view);
  const out = (everywhere) => async () => {
    try { await signOut(everywhere); } catch (e) { /* the session is forgotten here anyway */ }
    navigate('/connexion?sortie=' + (everywhere ? 'partout' : '1'));
  };
  return html`<header class="top" role="banner">
    <div class="top-bar">
      <a class="brand" href=${'#/f/' + fed}>e-terrain</a>
      ${fed ? html`<${FederationSwitcher} person=${person} fed=${fed} path=${path} />` : null}
      <div class="account" ref=${account}>
        <button type="button" class="button link" aria-expanded=${menu ? 'true' : 'false'} aria-controls="account-menu"
          onClick=${() => setMenu(!menu)}><span class="visually-hidden">Mon compte : </span>${person.displayName || person.email}</button>
        <div id="account-menu" class="account-menu" hidden=${!menu}>
          <p class="account-email">${person.email}</p>
          <button type="button" class="button secondary" onClick=${out(false)}>Se déconnecter</button>
          <button type="button" class="button secondary" onClick=${out(true)}>Se déconnecter de tous les appareils</button>
        </div>
      </div>
    </div>
    ${fed ? html`<nav class="sections" aria-label="Rubriques"><ul>
      ${sections.map((r) => {
        const view = r.view;
        const href = '#/' + r.path.replace(':fed', encodeURIComponent(fed));
        const here = active === view || (view === 'newsletters' && active === 'lettres') || (view === 'stats' && active === 'statistiques')
          || (view === 'contacts' && active === 'contacts');
        return html`<li><a href=${href} aria-current=${here ? 'page' : undefined}>${r.nav}</a></li>`;
      })}
    </ul></nav>` : null}
  </header>`;
}

function Screen({ route, params, person }) {
  const [loaded, setLoaded] = useState({ view: null, component: null, error: null });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load(route.view).then(
      (m) => live && setLoaded({ view: route.view, component: m.default, error: null }),
      (error) => live && setLoaded({ view: route.view, component: null, error }));
    return () => { live = false; };
  }, [route.view, attempt]);
  if (loaded.view !== route.view) return html`<${Loading} />`;
  if (loaded.error) {
    return html`<${Failure} title="Cet écran n'a pas pu être chargé" error=${{ code: 'network' }} onRetry=${() => setAttempt(attempt + 1)} />`;
  }
  const View = loaded.component;
  return html`<${View} fed=${params.fed} params=${params} me=${person} navigate=${navigate} />`;
}

function Forbidden() {
  return html`<div class="state state-failure"><h1>Accès non autorisé</h1>
    <p>Votre rôle ne donne pas accès à cet écran. Demandez à la coordination de votre fédération si vous en avez besoin.</p></div>`;
}

function NotFound() {
  return html`<div class="state"><h1>Page introuvable</h1><p>Cette adresse ne correspond à aucun écran de la console.</p>
    <p><a href="#/">Revenir à l'accueil</a></p></div>`;
}

function App() {
  const hash = useHash();
  const { person, error } = useSession();
  const main = useRef(null);
  const found = match(hash);

  useEffect(() => { refresh(); }, []);
  // Focus moves to the new screen's content, as a page load would put it, for keyboards and screen readers.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) { first.current = false; return; }
    if (main.current) main.current.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [found && found.path]);

  useEffect(() => {
    if (found) document.title = found.route.title + (found.params.fed ? ' — ' + found.params.fed : '') + ' — e-terrain';
  }, [hash]);

  useEffect(() => {
    if (person === undefined) return;
    // The address now, not the one of the render: effects run late, and a screen may have moved on meanwhile.
    const here = location.hash;
    const found = match(here);
    if (!person && (!found || !found.route.public)) {
      const wanted = (here || '').replace(/^#/, '');
      navigate('/connexion' + (wanted && wanted !== '/' ? '?retour=' + encodeURIComponent(wanted) : ''), { replace: true });
    } else if (person && (!found && (!here || here === '#' || here === '#/'))) {
      navigate('/f/' + encodeURIComponent(homeFed(person)), { replace: true });
    } else if (person && found && found.params.fed) {
      localStorage.setItem(LAST_FED, found.params.fed);
    }
  }, [person, hash]);

  if (person === undefined) return html`<main id="contenu" class="main" data-route=${hash}><${Loading} label="Chargement de la console…" /></main>`;
  if (error && !found?.route.public) {
    return html`<main id="contenu" class="main" data-route=${hash}><${Failure} title="La console ne peut pas joindre la plateforme" error=${error} onRetry=${refresh} /></main>`;
  }
  const route = found && found.route;
  const showShell = person && route && !route.public;
  let content;
  if (!found) content = person ? html`<${NotFound} />` : html`<${Loading} />`;
  else if (!route.public && !person) content = html`<${Loading} />`;
  else if (route.permission && !can(person, route.permission)) content = html`<${Forbidden} />`;
  else content = html`<${Screen} route=${route} params=${found.params} person=${person} />`;
  return html`
    <a class="skip-link" href="#contenu" onClick=${(e) => { e.preventDefault(); main.current && main.current.focus(); }}>Aller au contenu</a>
    ${showShell ? html`<${Header} person=${person} fed=${found.params.fed} current=${route} path=${found.path} />` : null}
    <main id="contenu" class=${'main' + (showShell ? '' : ' main-narrow')} tabindex="-1" ref=${main} data-route=${hash}>${content}</main>
    <footer class="foot" role="contentinfo"><p>e-terrain — la console des fédérations.${" "}
      <a href="/docs/">Documentation de l'API</a></p></footer>`;
}

const root = document.getElementById('app');
root.textContent = '';
render(html`<${App} />`, root);
