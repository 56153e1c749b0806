/* Load the search index when the reader turns to search, not with every page.

   Material's bundle requests search/search_index.json (about 120 KiB compressed, the largest file of the site)
   as soon as any page loads, so every page paid for search whether the reader searched or not. This script runs
   in the page's head, before the bundle, and holds that one request back until the reader shows they want to
   search: focus on the search box (a click, a tap, Material's "/" "s" "f" keys, the home page's button), the
   search toggle, or a shared "?q=" link. The request is then sent unchanged; Material shows "Initializing
   search" for the moment it takes. Nothing else is touched, and no request leaves the site. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.json(?:[?#]|$)/;
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  var held = [];
  var released = false;

  XMLHttpRequest.prototype.open = function (method, url) {
    this.keiIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    if (this.keiIndex && !released) {
      held.push([this, arguments]);
      return undefined;
    }
    return send.apply(this, arguments);
  };

  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }

  document.addEventListener("focusin", function (event) {
    if (event.target && event.target.classList && event.target.classList.contains("md-search__input")) release();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target && event.target.id === "__search") release();
  }, true);
  document.addEventListener("pointerdown", function (event) {
    if (event.target && event.target.closest && event.target.closest("[for='__search'], .md-search, .kei-search-cta")) release();
  }, true);
  if (/[?&]q=/.test(window.location.search)) release();
  window.KEISearch = { load: release }; // for scripts that open the search themselves (explain.js)
})();
