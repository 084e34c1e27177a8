// The old statistics page (/stats/#fed=06&view=newsletter&nl=…&key=…) now lives in the console. Its links go
// to the same report there; the key, if the link carried one, is dropped (the console uses the session).
"use strict";
(function () {
  var p = new URLSearchParams(location.hash.replace(/^#/, ""));
  var fed = p.get("fed");
  var target = "/#/";
  if (fed && /^[0-9A-Za-z]{1,3}$/.test(fed)) {
    var nl = p.get("nl");
    target = p.get("view") === "newsletter" && nl && /^[\w-]{1,64}$/.test(nl)
      ? "/#/f/" + fed + "/lettres/" + encodeURIComponent(nl) + "/stats"
      : "/#/f/" + fed + "/statistiques";
  }
  location.replace(target);
})();
