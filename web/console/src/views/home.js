import { html } from '../ui.js';
export default function Home({ fed }) {
  return html`<h1>Accueil de la fédération ${fed}</h1><p>En construction.</p>`;
}
