/* The ways to the Explain page: a link in the header beside the search box (on screens wide enough for it;
   on phones the navigation drawer has it), and, when what is pasted into the search spans several lines (a log,
   a stack trace), an offer to explain it. The search box is made for a phrase; the Explain page reads the whole
   paste and ranks every error in it (explain.js). The paste is handed over in sessionStorage, never in the
   URL, so it does not leave the browser. Loaded on every page (mkdocs.yml extra_javascript). */
(function () {
  "use strict";
  var HANDOFF = "kei-explain-paste"; // read, then deleted, by explain.js

  function explainUrl() {
    var config = document.getElementById("__config"); // Material's page config: "base" is the site root, relative
    var base = ".";
    try { base = JSON.parse(config.textContent).base || "."; } catch (e) { /* keep "." */ }
    return new URL(base.replace(/\/?$/, "/") + "explain/", window.location.href).href;
  }

  function headerLink() {
    var search = document.querySelector(".md-header__inner .md-search");
    if (!search || document.getElementById("kei-header-explain")) return;
    var link = document.createElement("a");
    link.id = "kei-header-explain";
    link.className = "kei-header-link";
    link.href = explainUrl();
    link.textContent = "Explain a log";
    if (link.href.split("#")[0] === window.location.href.split("#")[0].split("?")[0]) link.setAttribute("aria-current", "page");
    search.parentNode.insertBefore(link, search);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", headerLink);
  else headerLink();

  document.addEventListener("paste", function (event) {
    var box = event.target;
    if (!box || !box.classList || !box.classList.contains("md-search__input")) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    var old = document.getElementById("kei-explain-hint");
    if (old) old.remove();
    if (!text || text.trim().indexOf("\n") < 0) return;
    var output = document.querySelector(".md-search__output");
    if (!output) return;
    var hint = document.createElement("p");
    hint.id = "kei-explain-hint";
    hint.className = "md-search-result__meta kei-explain-hint";
    var link = document.createElement("a");
    link.href = explainUrl();
    link.textContent = "This looks like a log: explain all of it, root cause first →";
    link.addEventListener("click", function () {
      try { window.sessionStorage.setItem(HANDOFF, text); } catch (e) { /* storage disabled: the page opens empty */ }
    });
    hint.appendChild(link);
    output.insertBefore(hint, output.firstChild);
  }, true);
})();
