// The statistics page: plain JavaScript, no build step, no outside resources. It reads the statistics API
// with the key typed in (kept in this tab's sessionStorage only) and draws every chart as SVG. Every value
// from the API is put in the page as text, never as HTML.
"use strict";
(function () {
  const config = window.ETERRAIN_STATS || { apiBase: "" };
  const api = (config.apiBase || "").replace(/\/$/, "");
  const KEY = "eterrain-stats-key";
  const SVG = "http://www.w3.org/2000/svg";
  const integer = new Intl.NumberFormat("fr-FR");
  const percent = new Intl.NumberFormat("fr-FR", { style: "percent", maximumFractionDigits: 1 });
  const monthName = new Intl.DateTimeFormat("fr-FR", { month: "short", year: "2-digit", timeZone: "UTC" });
  const dayName = new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/Paris" });
  const $ = (id) => document.getElementById(id);
  const n = (v) => integer.format(v || 0);
  const pct = (v) => (v === null || v === undefined ? "—" : percent.format(v));
  /** "0 personne", "1 personne", "2 personnes": French takes the singular for 0 and 1. */
  const count = (v, one, many) => n(v) + " " + ((v || 0) < 2 ? one : many);
  const verb = (v, one, many) => ((v || 0) < 2 ? one : many);

  // --- small DOM helpers ----------------------------------------------------------------------------------

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => {
      if (k === "onclick") node.addEventListener("click", v);
      else if (v !== null && v !== undefined) node.setAttribute(k, v);
    });
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    children.flat().forEach((c) => node.append(c instanceof Node ? c : document.createTextNode(String(c))));
    return node;
  }

  function status(text, error) {
    $("status").textContent = text;
    $("status").className = error ? "error" : "";
  }

  // --- the API --------------------------------------------------------------------------------------------

  function query(params) {
    const q = new URLSearchParams();
    Object.entries(params).forEach(([k, v]) => { if (v) q.set(k, v); });
    const s = q.toString();
    return s ? "?" + s : "";
  }

  async function call(path, params) {
    const response = await fetch(api + path + query(params), { headers: { authorization: "Bearer " + state.key } });
    if (!response.ok) {
      let message = "Erreur " + response.status;
      try { message = (await response.json()).message || message; } catch (e) { /* not JSON */ }
      if (response.status === 401) message = "Cette clé d'accès n'est pas valide. " + message;
      if (response.status === 403) message = "Cette clé ne donne pas accès à ces statistiques. " + message;
      throw new Error(message);
    }
    return response;
  }

  async function download(path, params, filename) {
    try {
      const blob = await (await call(path, Object.assign({ format: "csv" }, params))).blob();
      const link = el("a", { href: URL.createObjectURL(blob), download: filename });
      document.body.append(link);
      link.click();
      link.remove();
    } catch (e) {
      status(e.message, true);
    }
  }

  // --- pieces of a report ---------------------------------------------------------------------------------

  function tile(label, value, help) {
    return el("div", { class: "tile" }, el("div", { class: "label" }, label), el("div", { class: "value" }, value),
      el("div", { class: "help" }, help));
  }

  function tiles(s, withNewsletters) {
    const list = [];
    if (withNewsletters) list.push(tile("Lettres envoyées", n(s.newsletters), count(s.delivery.reached, "e-mail arrivé", "e-mails arrivés")));
    else list.push(tile("Destinataires", n(s.delivery.reached), count(s.delivery.sent, "envoyé", "envoyés") + ", "
      + count(s.delivery.bounced, "refusé", "refusés")));
    list.push(tile("Taux d'ouverture", pct(s.rates.open), s.delivery.measured
      ? count(s.opens.unique, "personne", "personnes") + " sur " + count(s.delivery.measured, "mesurée", "mesurées") + " "
        + verb(s.opens.unique, "a ouvert", "ont ouvert")
      : "aucune personne mesurée (la mesure individuelle demande l'accord de chacun)"));
    list.push(tile("Taux de clic", pct(s.rates.click), count(s.clicks.unique, "personne a cliqué", "personnes ont cliqué")
      + " au moins une fois"));
    list.push(tile("Clics par ouverture", pct(s.rates.clickToOpen), "parmi celles qui ont ouvert, la part qui a cliqué"));
    list.push(tile("Désinscriptions", n(s.unsubscribes), pct(s.rates.unsubscribe) + " des destinataires"));
    return el("div", { class: "tiles" }, list);
  }

  function machineNote(s) {
    return el("p", { class: "note" }, "Écartés des taux : " + n(s.opens.machine) + " ouvertures automatiques (messageries qui "
      + "téléchargent les images d'avance) et " + n(s.clicks.machine) + " clics de robots de sécurité. Ouvertures totales "
      + "par des personnes : " + n(s.opens.total) + ", clics totaux : " + n(s.clicks.total) + ".");
  }

  function legend(items) {
    // CSSOM, not a style attribute: the page's Content-Security-Policy forbids inline styles.
    return el("div", { class: "legend" }, items.map(([label, color]) => {
      const item = el("span", {}, label);
      item.style.setProperty("--c", color);
      return item;
    }));
  }

  /** Open and click rates, month by month, as grouped bars. */
  function monthChart(months) {
    const w = 760, h = 260, left = 48, bottom = 40, top = 14;
    const max = Math.max(0.1, ...months.map((m) => Math.max(m.rates.open || 0, m.rates.click || 0)));
    const scale = Math.ceil(max * 10) / 10;
    const band = (w - left - 10) / Math.max(1, months.length);
    const bar = Math.min(22, band / 2.6);
    const y = (v) => top + (h - top - bottom) * (1 - v / scale);
    const chart = svg("svg", { class: "chart", viewBox: `0 0 ${w} ${h}`, role: "img",
      "aria-label": "Taux d'ouverture et de clic par mois" });
    for (let t = 0; t <= 4; t++) {
      const v = (scale * t) / 4;
      chart.append(svg("line", { x1: left, x2: w - 10, y1: y(v), y2: y(v), stroke: "#d9dce6" }),
        svg("text", { x: left - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 11 }, percent.format(v)));
    }
    months.forEach((m, i) => {
      const x = left + i * band + band / 2;
      [["open", "#1B2A6B", -bar], ["click", "#E4003B", 0]].forEach(([rate, color, dx]) => {
        const v = m.rates[rate] || 0;
        chart.append(svg("rect", { x: x + dx, y: y(v), width: bar - 2, height: y(0) - y(v), fill: color },
          svg("title", {}, `${m.month} : ${rate === "open" ? "ouverture" : "clic"} ${pct(m.rates[rate])}`)));
      });
      const [yy, mm] = m.month.split("-");
      chart.append(svg("text", { x, y: h - bottom + 16, "text-anchor": "middle", "font-size": 11 },
        monthName.format(new Date(Date.UTC(+yy, +mm - 1, 1)))));
    });
    return el("div", {}, chart, legend([["Taux d'ouverture", "#1B2A6B"], ["Taux de clic", "#E4003B"]]));
  }

  /** Human opens and clicks by weekday and hour (Paris time). */
  function heatmap(engagement) {
    const cell = 26, left = 74, top = 22;
    const w = left + 24 * cell + 4, h = top + 7 * cell + 4;
    const max = Math.max(1, ...engagement.cells.flat());
    const chart = svg("svg", { class: "chart", viewBox: `0 0 ${w} ${h}`, role: "img",
      "aria-label": "Ouvertures et clics par jour de la semaine et par heure" });
    for (let hour = 0; hour < 24; hour += 3) {
      chart.append(svg("text", { x: left + hour * cell + cell / 2, y: 14, "text-anchor": "middle", "font-size": 11 }, hour + " h"));
    }
    engagement.cells.forEach((hours, d) => {
      chart.append(svg("text", { x: left - 8, y: top + d * cell + cell / 2 + 4, "text-anchor": "end", "font-size": 12 },
        engagement.days[d]));
      hours.forEach((count, hour) => {
        chart.append(svg("rect", { x: left + hour * cell + 1, y: top + d * cell + 1, width: cell - 2, height: cell - 2, rx: 3,
          fill: count ? "#1B2A6B" : "#eceef4", "fill-opacity": count ? 0.15 + 0.85 * (count / max) : 1 },
          svg("title", {}, `${engagement.days[d]} ${hour} h : ${n(count)}`)));
      });
    });
    const advice = engagement.recommendedSendTime
      ? `Moment conseillé pour envoyer : ${engagement.recommendedSendTime.label} (heure de Paris), juste avant le créneau où vos lecteurs sont le plus actifs.`
      : "Pas encore assez d'ouvertures et de clics pour conseiller un moment d'envoi.";
    return el("div", {}, el("p", { class: "recommend" }, advice), chart);
  }

  /** Clicks per link of a newsletter. */
  function linkBars(links) {
    if (!links.length) return el("p", {}, "Cette lettre ne contient aucun lien.");
    const row = 34, left = 10, w = 760, h = links.length * row + 10;
    const max = Math.max(1, ...links.map((l) => l.clicks));
    const chart = svg("svg", { class: "chart", viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": "Clics par lien" });
    links.forEach((l, i) => {
      const width = ((w - 250 - 200) * l.clicks) / max; // room left for the figures after the longest bar
      const label = l.url.length > 38 ? l.url.slice(0, 37) + "…" : l.url;
      chart.append(svg("text", { x: left, y: i * row + 22, "font-size": 12 }, label),
        svg("rect", { x: 250, y: i * row + 8, width: Math.max(width, 1), height: 18, fill: "#E4003B" }),
        svg("text", { x: 256 + width, y: i * row + 22, "font-size": 12 }, `${count(l.clicks, "clic", "clics")}, ${count(l.uniqueClicks, "personne", "personnes")}`));
    });
    return chart;
  }

  /** Ranked federations' open rates, with the cautious bound the ranking uses. */
  function rankingChart(rows) {
    const ranked = rows.filter((r) => r.rank !== null).slice(0, 25);
    if (!ranked.length) return el("p", {}, "Aucune fédération n'a encore assez de destinataires mesurés pour être classée.");
    const row = 24, left = 220, w = 760, h = ranked.length * row + 10;
    const max = Math.max(0.1, ...ranked.map((r) => r.rates.open || 0));
    const chart = svg("svg", { class: "chart", viewBox: `0 0 ${w} ${h}`, role: "img", "aria-label": "Classement des fédérations" });
    ranked.forEach((r, i) => {
      const x = (v) => left + ((w - left - 70) * (v || 0)) / max;
      chart.append(svg("text", { x: left - 8, y: i * row + 18, "text-anchor": "end", "font-size": 12 }, `${r.rank}. ${r.name}`),
        svg("rect", { x: left, y: i * row + 6, width: Math.max(1, x(r.rates.open) - left), height: 15, fill: "#1B2A6B" }),
        svg("line", { x1: x(r.rates.openLowerBound), x2: x(r.rates.openLowerBound), y1: i * row + 3, y2: i * row + 24,
          stroke: "#E4003B", "stroke-width": 2 }),
        svg("text", { x: x(r.rates.open) + 6, y: i * row + 18, "font-size": 12 }, pct(r.rates.open)));
    });
    return el("div", {}, chart, legend([["Taux d'ouverture", "#1B2A6B"], ["Estimation prudente utilisée pour le classement", "#E4003B"]]));
  }

  function table(headers, rows) {
    return el("table", {}, el("thead", {}, el("tr", {}, headers.map(([label, num]) => el("th", num ? { class: "num", scope: "col" } : { scope: "col" }, label)))),
      el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map(([value, num]) => el("td", num ? { class: "num" } : {}, value))))));
  }

  function card(title, subtitle, ...content) {
    return el("section", { class: "card" }, el("h2", {}, title), subtitle ? el("p", { class: "hint" }, subtitle) : "", content);
  }

  // --- the three views ------------------------------------------------------------------------------------

  async function showFederation(fed) {
    const path = `/v1/federations/${encodeURIComponent(fed)}/stats`;
    const period = { from: state.from, to: state.to };
    const data = await (await call(path, period)).json();
    const report = $("report");
    report.replaceChildren(
      card(data.federation.name, `Du ${dayName.format(new Date(data.period.from))} au ${dayName.format(new Date(data.period.to))}`,
        tiles(data.totals, true), machineNote(data.totals),
        el("button", { type: "button", class: "secondary", onclick: () => download(path, period, `statistiques-${fed}.csv`) },
          "Télécharger le tableau (CSV)")),
      card("Mois par mois", "Taux calculés sur les lettres envoyées chaque mois.", monthChart(data.months)),
      card("Quand vos lecteurs lisent-ils ?", "Ouvertures et clics des personnes, par jour et par heure.", heatmap(data.engagement)),
      card("Lettres envoyées", "Choisissez une lettre pour voir le détail de ses liens.",
        data.newsletters.length ? table([["Lettre"], ["Envoyée le"], ["Destinataires", 1], ["Ouverture", 1], ["Clic", 1], ["Désinscriptions", 1]],
          data.newsletters.map((nl) => [
            [el("button", { type: "button", class: "link", onclick: () => go({ view: "newsletter", fed, nl: nl.id }) }, nl.subject || nl.id)],
            [nl.sentAt ? dayName.format(new Date(nl.sentAt)) : "—"], [n(nl.delivery.reached), 1], [pct(nl.rates.open), 1],
            [pct(nl.rates.click), 1], [n(nl.unsubscribes), 1]]))
          : el("p", {}, "Aucune lettre envoyée sur cette période.")));
    return "federation";
  }

  async function showNewsletter(fed, id) {
    const path = `/v1/federations/${encodeURIComponent(fed)}/newsletters/${encodeURIComponent(id)}/stats`;
    const data = await (await call(path, {})).json();
    $("report").replaceChildren(
      el("p", { class: "breadcrumb" }, el("button", { type: "button", class: "link", onclick: () => go({ view: "federation", fed }) },
        "← Toutes les lettres de la fédération")),
      card(data.newsletter.subject || data.newsletter.id, data.newsletter.sentAt ? "Envoyée le " + dayName.format(new Date(data.newsletter.sentAt)) : "Pas encore envoyée",
        tiles(data, false), machineNote(data),
        el("button", { type: "button", class: "secondary", onclick: () => download(path, {}, `statistiques-${fed}-${id}.csv`) },
          "Télécharger les clics par lien (CSV)")),
      card("Clics par lien", "Clics des personnes (les robots sont exclus), et nombre de personnes différentes.",
        linkBars(data.links),
        table([["Lien"], ["Clics", 1], ["Personnes", 1], ["Robots", 1]],
          data.links.map((l) => [[el("span", { class: "url" }, l.url)], [n(l.clicks), 1], [n(l.uniqueClicks), 1], [n(l.machineClicks), 1]]))),
      card("Quand cette lettre a-t-elle été lue ?", "", heatmap(data.engagement)));
    return "newsletter";
  }

  async function showNational() {
    const path = "/v1/national/stats";
    const period = { from: state.from, to: state.to };
    const data = await (await call(path, period)).json();
    $("report").replaceChildren(
      card("Vue nationale", `Du ${dayName.format(new Date(data.period.from))} au ${dayName.format(new Date(data.period.to))}`,
        tiles(data.totals, true), machineNote(data.totals),
        el("button", { type: "button", class: "secondary", onclick: () => download(path, period, "statistiques-nationales.csv") },
          "Télécharger le tableau national (CSV)")),
      card("Classement des fédérations", `Classement prudent sur l'activité des personnes seulement : une petite fédération n'est classée `
        + `qu'à partir de ${n(data.minimumMeasuredToRank)} destinataires mesurés, et un taux obtenu sur peu de destinataires compte moins.`,
        rankingChart(data.federations)),
      card("Quand lit-on nos lettres ?", "Toutes fédérations confondues.", heatmap(data.engagement)),
      card("Toutes les fédérations", "",
        table([["Rang", 1], ["Fédération"], ["Lettres", 1], ["Destinataires", 1], ["Ouverture", 1], ["Clic", 1], ["Désinscriptions", 1]],
          data.federations.filter((f) => f.newsletters > 0).map((f) => [[f.rank === null ? "—" : f.rank, 1], [f.name],
            [n(f.newsletters), 1], [n(f.delivery.reached), 1], [pct(f.rates.open), 1], [pct(f.rates.click), 1], [n(f.unsubscribes), 1]]))));
    return "national";
  }

  // --- navigation: the state lives in the address's fragment (never sent to any server) ------------------

  const state = { key: sessionStorage.getItem(KEY) || "", from: "", to: "" };

  function go(target) {
    const params = new URLSearchParams();
    Object.entries(target).forEach(([k, v]) => { if (v) params.set(k, v); });
    if (state.from) params.set("from", state.from);
    if (state.to) params.set("to", state.to);
    const next = params.toString();
    if (location.hash.slice(1) === next) route();
    else location.hash = next;
  }

  async function route() {
    const params = new URLSearchParams(location.hash.slice(1));
    if (params.has("key")) {
      // A key passed in the link is moved out of the address at once (history, screenshots, shoulder surfing).
      state.key = params.get("key");
      sessionStorage.setItem(KEY, state.key);
      params.delete("key");
      history.replaceState(null, "", location.pathname + location.search + "#" + params.toString());
    }
    state.from = params.get("from") || "";
    state.to = params.get("to") || "";
    $("from").value = state.from;
    $("to").value = state.to;
    $("key").value = state.key;
    const fed = params.get("fed");
    if (fed) $("federation").value = fed;
    const view = params.get("view") || (fed ? "federation" : "");
    if (!view || !state.key) return;
    status("Chargement des statistiques…");
    document.body.removeAttribute("data-ready");
    try {
      const shown = view === "national" ? await showNational()
        : view === "newsletter" ? await showNewsletter(fed, params.get("nl")) : await showFederation(fed);
      status("");
      document.body.setAttribute("data-ready", shown);
    } catch (e) {
      $("report").replaceChildren();
      status(e.message || "Les statistiques n'ont pas pu être chargées.", true);
      document.body.setAttribute("data-ready", "error");
    }
  }

  async function loadFederations() {
    try {
      const data = await (await fetch(api + "/v1/federations")).json();
      $("federation").replaceChildren(el("option", { value: "" }, "Choisissez…"),
        ...data.federations.map((f) => el("option", { value: f.id }, f.displayName)));
    } catch (e) {
      $("federation").replaceChildren(el("option", { value: "" }, "Liste indisponible"));
    }
  }

  function remember() {
    state.key = $("key").value.trim();
    sessionStorage.setItem(KEY, state.key);
    state.from = $("from").value;
    state.to = $("to").value;
  }

  $("access").addEventListener("submit", (event) => {
    event.preventDefault();
    remember();
    go({ view: "federation", fed: $("federation").value });
  });
  $("national").addEventListener("click", () => {
    remember();
    go({ view: "national" });
  });
  window.addEventListener("hashchange", route);
  loadFederations().then(route);
})();
