/* The Explain page: paste a log, get the matching entries, root cause first (ranking in explain-core.js).

   Privacy: the paste stays in this page. The matcher index is fetched once when the page loads (so the page
   keeps working offline afterwards); nothing else is requested, and the shareable link holds only the ids of
   the matched entries ("#r=id,id"), never the text. A paste handed over from the search box travels in
   sessionStorage (same tab, same site) and is deleted as soon as it is read.
   Every text shown (titles, summaries, the pasted lines) goes in through textContent: no HTML from the index
   or the paste is ever parsed. */
(function () {
  "use strict";
  var HANDOFF = "kei-explain-paste"; // sessionStorage key written by explain-hint.js
  var SHOWN = 25; // results listed before "show all"

  var form = document.getElementById("kei-explain");
  if (!form || !window.KEIExplain) return;
  var input = document.getElementById("kei-explain-input");
  var status = document.getElementById("kei-explain-status");
  var list = document.getElementById("kei-explain-results");
  var copy = document.getElementById("kei-explain-copy");
  var more = document.getElementById("kei-explain-more");
  var searchButton = document.getElementById("kei-explain-search");
  var compiled = null;
  var results = [];
  var timer = 0;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function pageUrl(url) {
    return new URL("../" + url, window.location.href).href; // index URLs are relative to the site root
  }

  // The matched line, with the name that matched marked (found by position, so no pattern is built from text).
  function evidenceLine(evidence) {
    var p = el("p", "kei-explain-line");
    p.appendChild(el("span", "kei-explain-lineno", "Line " + evidence.line + ": "));
    var code = el("code");
    var text = evidence.text.trim();
    var at = evidence.name.indexOf("error code ") === 0 ? -1 : text.indexOf(evidence.name);
    if (text.length > 300) { // long lines: show the part around the match
      var from = Math.max(0, (at >= 0 ? at : 0) - 100);
      text = (from > 0 ? "…" : "") + text.slice(from, from + 300) + (from + 300 < text.length ? "…" : "");
      at = evidence.name.indexOf("error code ") === 0 ? -1 : text.indexOf(evidence.name);
    }
    if (at >= 0) {
      code.appendChild(document.createTextNode(text.slice(0, at)));
      code.appendChild(el("mark", "", evidence.name));
      code.appendChild(document.createTextNode(text.slice(at + evidence.name.length)));
    } else {
      code.textContent = text;
    }
    p.appendChild(code);
    return p;
  }

  function item(result, rankNo) {
    var t = result.target;
    var li = el("li", "kei-explain-result");
    li.setAttribute("data-id", t.id);
    var head = el("p", "kei-explain-title");
    var link = el("a", "", t.title);
    link.href = pageUrl(t.url);
    head.appendChild(link);
    var via = result.evidence && result.evidence.length ? result.evidence[0].client : "";
    if (t.client) head.appendChild(el("span", "kei-explain-tag", "client: " + t.client));
    else if (via) head.appendChild(el("span", "kei-explain-tag", "as " + via + " names it"));
    if (result.rootCause && rankNo === 1) head.appendChild(el("span", "kei-explain-tag kei-explain-root", "root cause"));
    if (t.wrapper) head.appendChild(el("span", "kei-explain-tag", "wrapper: see the errors above"));
    li.appendChild(head);
    if (t.summary) li.appendChild(el("p", "kei-explain-summary", t.summary));
    if (result.evidence && result.evidence.length) {
      li.appendChild(evidenceLine(result.evidence[0]));
      if (result.lines > 1) li.appendChild(el("p", "kei-explain-count", "Seen on " + result.lines + " distinct lines."));
    }
    return li;
  }

  function show(ranked, all) {
    results = ranked;
    list.textContent = "";
    ranked.slice(0, all ? ranked.length : SHOWN).forEach(function (r, i) { list.appendChild(item(r, i + 1)); });
    more.hidden = all || ranked.length <= SHOWN;
    copy.hidden = ranked.length === 0;
    searchButton.hidden = ranked.length > 0 || !input.value.trim();
  }

  function run() {
    timer = 0;
    if (!compiled) return;
    var text = input.value;
    if (!text.trim()) {
      show([], false);
      status.textContent = "";
      return;
    }
    var ranked = window.KEIExplain.rank(compiled, text);
    show(ranked, false);
    status.textContent = ranked.length === 0
      ? "No known Kafka error found in this text. Try the search with the error's name or message."
      : ranked.length === 1 ? "1 matching entry." : ranked.length + " matching entries, root cause first.";
    if (window.location.hash) history.replaceState(null, "", window.location.pathname + window.location.search);
  }

  function schedule(now) {
    if (timer) clearTimeout(timer);
    timer = now ? 0 : setTimeout(run, 200); // typing: wait for a pause; a paste: at once
    if (now) run();
  }

  // "#r=id,id": a shared link shows the entries it names, in its order (it never holds the pasted text).
  function shared() {
    var match = /^#r=(.+)$/.exec(window.location.hash);
    if (!match) return false;
    var ranked = [];
    decodeURIComponent(match[1]).split(",").forEach(function (id) {
      var t = compiled.byId.get(id);
      if (t) ranked.push({ target: t, rootCause: false, lines: 0, evidence: [] });
    });
    show(ranked, true);
    status.textContent = ranked.length + " shared " + (ranked.length === 1 ? "entry" : "entries") +
      ". The pasted text is not part of a link: paste your own above.";
    return true;
  }

  function copyLink() {
    var ids = results.map(function (r) { return r.target.id; });
    var url = window.location.origin + window.location.pathname + "#r=" + encodeURIComponent(ids.join(","));
    var done = function () { status.textContent = "Link copied: it names the " + ids.length + " entries, not your text."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(done, function () { fallback(url, done); });
    } else {
      fallback(url, done);
    }
  }

  function fallback(url, done) { // http:// hosts have no clipboard API: show the link, selected, to copy by hand
    var field = document.getElementById("kei-explain-link");
    field.hidden = false;
    field.value = url;
    field.focus();
    field.select();
    try { document.execCommand("copy"); done(); } catch (e) { status.textContent = "Copy the link from the field below."; }
  }

  function openSearch() { // the first line of the paste, typed into the site's search; nothing leaves the page
    var query = (input.value.split("\n").filter(function (l) { return l.trim(); })[0] || "").trim().slice(0, 200);
    var toggle = document.getElementById("__search");
    var box = document.querySelector("input.md-search__input");
    if (!toggle || !box) return;
    toggle.checked = true;
    toggle.dispatchEvent(new Event("change"));
    box.value = query;
    box.focus();
    box.dispatchEvent(new Event("input", { bubbles: true }));
  }

  input.addEventListener("input", function (event) { schedule(event.inputType === "insertFromPaste" || event.inputType === "insertFromDrop"); });
  copy.addEventListener("click", copyLink);
  more.addEventListener("click", function () { show(results, true); });
  searchButton.addEventListener("click", openSearch);
  form.addEventListener("submit", function (event) { event.preventDefault(); schedule(true); });

  status.textContent = "Loading the list of known errors…";
  fetch(form.getAttribute("data-index"))
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    })
    .then(function (index) {
      compiled = window.KEIExplain.compile(index);
      form.setAttribute("data-ready", "true");
      status.textContent = "";
      var handed = null;
      try {
        handed = window.sessionStorage.getItem(HANDOFF);
        window.sessionStorage.removeItem(HANDOFF);
      } catch (e) { /* storage disabled: nothing was handed over */ }
      if (handed) input.value = handed;
      if (input.value.trim()) run();
      else shared();
    })
    .catch(function () {
      status.textContent = "The list of known errors could not be loaded. Reload the page to try again.";
    });
})();
