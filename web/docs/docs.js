// The API reference: Swagger UI (pinned in package.json, copied to vendor/ by the Makefile) on our own document,
// from our own origin. Nothing is fetched elsewhere: no validator badge, no remote configuration.
(function () {
  'use strict';
  var root = document.getElementById('api-reference');
  var documentUrl = '/v1/openapi.json';

  function showError(text) {
    root.textContent = '';
    var p = document.createElement('p');
    p.className = 'docs-status docs-error';
    p.setAttribute('role', 'alert');
    p.textContent = text + ' Le document reste lisible tel quel : ';
    var a = document.createElement('a');
    a.href = documentUrl;
    a.textContent = documentUrl;
    p.appendChild(a);
    root.appendChild(p);
  }

  if (typeof window.SwaggerUIBundle !== 'function') {
    showError('La référence n\'a pas pu être affichée (visionneuse absente : lancez `make run`, qui l\'installe).');
    return;
  }
  window.SwaggerUIBundle({
    url: documentUrl,
    dom_id: '#api-reference',
    deepLinking: true,
    validatorUrl: null,
    docExpansion: 'list',
    defaultModelsExpandDepth: 0,
    displayOperationId: true,
    filter: true,
    persistAuthorization: false,
    // "Try it out" from this page: with a session cookie, state-changing calls need the CSRF header.
    requestInterceptor: function (request) {
      if (request.method && request.method !== 'GET' && request.method !== 'HEAD') {
        request.headers['x-eterrain-request'] = '1';
      }
      return request;
    },
    onComplete: function () {
      document.body.classList.add('docs-ready');
    }
  });
})();
