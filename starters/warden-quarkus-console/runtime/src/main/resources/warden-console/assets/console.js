// The console's only script: htmx requests carry the page's CSRF token, htmx adds no inline styles (the CSP forbids
// them), and the live badge says when the inbox stream is connected.
(function () {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (window.htmx) {
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
    document.body.addEventListener('htmx:configRequest', function (e) {
      if (meta) { e.detail.headers['X-CSRF-Token'] = meta.content; }
    });
    document.body.addEventListener('htmx:sseOpen', function () {
      var live = document.getElementById('live');
      if (live) { live.textContent = 'live: connected'; live.setAttribute('data-connected', 'true'); }
    });
    document.body.addEventListener('htmx:sseError', function () {
      var live = document.getElementById('live');
      if (live) { live.textContent = 'live: reconnecting'; live.removeAttribute('data-connected'); }
    });
  }
})();
