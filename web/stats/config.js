// Where the statistics API is. Empty: the same origin as this page (the local runtime serves both).
// Deployed as a static site on its own origin, set it to the API's base URL, e.g. "https://api.example.fr",
// and list this site's origin in the API's STATS_SITE_ORIGINS setting.
window.ETERRAIN_STATS = window.ETERRAIN_STATS || { apiBase: "" };
