/* Search results a reader can scan, and a landing page that marks only the words that matter.

   1. Results. Material renders each result as its title, its text (the page's summary: generator/search_index.py)
      and every hidden name of the page as a tag chip, 15 to 60 of them, highlighted where the query matched.
      stylesheets/search.css hides the chips; this script keeps one of them, the name or printed message that matched
      the query best, as a single line under the summary (none when that is the title itself). It also unmarks
      stop words in the summary ("the", "for"): a pasted sentence is full of them.
   2. Landing page. Material's search.highlight feature (switched off in mkdocs.yml) passes the matched query terms
      to the page (?h=) and marks them wherever they occur, inside words too ("an" in "means", "out" in "timeout"):
      hundreds of marks on a long entry. That cannot be configured, so result links carry our own parameter (?hl=): the meaningful
      words (three letters or more, no stop word, no number) that this result matched, which the page marks as
      whole words only, in the article.
   Everything is built from text nodes: nothing a reader types or a page holds is parsed as HTML.
   To change which words count, edit STOP or meaningful(); to change the line, edit matchLine(). */
(function () {
  "use strict";

  var PARAM = "hl";
  var STOP = new Set((
    "about above after again against all also and any are because been before being below between both but can " +
    "cannot could did does doing down during each few for from further had has have having her here hers herself " +
    "him himself his how into its itself just may more most must myself nor not now off once only other ought our " +
    "ours out over own same she should since some such than that the their theirs them then there these they this " +
    "those through too under until upon very via was were what when where which while who whom why will with " +
    "would yet you your yours"
  ).split(" "));

  function meaningful(word) {
    var w = word.toLowerCase();
    return w.length >= 3 && !/^\d+$/.test(w) && !STOP.has(w);
  }

  function squash(text) {
    return text.replace(/[^A-Za-z0-9]/g, "").toLowerCase();
  }

  /* A copy of an element's text with its <mark>s, as new nodes (text and marks only). */
  function copyMarked(from, to) {
    from.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        to.appendChild(mark);
      } else {
        to.appendChild(document.createTextNode(node.textContent));
      }
    });
  }

  /* How well a highlighted name matches: how many different meaningful words of it are marked; then whether the
     query holds the whole name (the message as pasted beats librdkafka's "Broker: ..." copy of it); then the share
     of the name the marks cover (the exact message beats a longer text that holds the same words). */
  function score(tag, query) {
    var words = new Set();
    var marked = 0;
    tag.querySelectorAll("mark").forEach(function (mark) {
      if (!meaningful(mark.textContent)) return;
      words.add(mark.textContent.toLowerCase());
      marked += mark.textContent.length;
    });
    var name = squash(tag.textContent);
    var whole = name && query.indexOf(name) >= 0 ? 1 : 0;
    return [words.size, whole, marked / Math.max(tag.textContent.length, 1)];
  }

  function better(a, b) {
    for (var i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] > b[i];
    return false;
  }

  /* The tag to show: the best-matching name. A lowercase run-together token ("kafkatimeouterror", added for
     ranking by generator/render/pages.py) is shown as the name it stands for. */
  function bestTag(tags, query) {
    var names = {};
    tags.forEach(function (tag) {
      var text = tag.textContent;
      if (!/^[a-z0-9]+$/.test(text)) names[squash(text)] = names[squash(text)] || tag;
    });
    var best = null;
    var bestScore = [0, 0, 0];
    tags.forEach(function (tag) {
      if (score(tag, query)[0] === 0) return;
      var shown = tag;
      if (/^[a-z0-9]+$/.test(tag.textContent)) {
        shown = names[tag.textContent] || null;
        if (!shown) {  // the last dotted part of a name ("errrecordtimeout" for kgo.ErrRecordTimeout)
          Object.keys(names).forEach(function (key) {
            if (!shown && key.slice(-tag.textContent.length) === tag.textContent) shown = names[key];
          });
        }
        if (!shown) return;
      }
      // scored by what is shown: a run-together token also matches as the prefix of a longer one
      var s = score(shown, query);
      if (s[0] === 0) return;
      if (better(s, bestScore)) {
        best = shown;
        bestScore = s;
      }
    });
    return best;
  }

  function matchLine(tag) {
    var line = document.createElement("p");
    line.className = "kei-search-match";
    var name = document.createElement("code");
    copyMarked(tag, name);
    unmarkStopWords(name);
    line.appendChild(name);
    line.title = tag.textContent;  // the whole name, for a line cut short
    return line;
  }

  function unmarkStopWords(root) {
    root.querySelectorAll("mark").forEach(function (mark) {
      if (!meaningful(mark.textContent)) mark.replaceWith(document.createTextNode(mark.textContent));
    });
    root.normalize();
  }

  function tidy(item) {
    if (item.dataset.keiTidy) return;
    item.dataset.keiTidy = "1";
    var words = [];
    item.querySelectorAll("mark").forEach(function (mark) {
      var word = mark.textContent.trim().toLowerCase();
      if (meaningful(word) && words.indexOf(word) < 0 && /^[\p{L}\p{N}_.]+$/u.test(word)) words.push(word);
    });
    item.querySelectorAll("article").forEach(function (article) {
      var nav = article.querySelector("nav.md-tags");
      var title = article.querySelector("h1, h2");
      if (nav) {
        var input = document.querySelector("input.md-search__input");
        var query = squash(input ? input.value : "");
        var tag = bestTag(Array.prototype.slice.call(nav.querySelectorAll(".md-tag")), query);
        if (tag && (!title || squash(tag.textContent) !== squash(title.textContent))) {
          nav.parentNode.insertBefore(matchLine(tag), nav);
        }
        nav.remove();
      }
      article.querySelectorAll(":scope > p:not(.kei-search-match, .md-search-result__terms)").forEach(unmarkStopWords);
    });
    item.querySelectorAll("a.md-search-result__link").forEach(function (link) {
      var url = new URL(link.href, document.baseURI);
      url.searchParams.delete("h");
      if (words.length) url.searchParams.set(PARAM, words.slice(0, 8).join(" "));
      else url.searchParams.delete(PARAM);
      link.href = url.toString();
    });
  }

  function watchResults() {
    var list = document.querySelector(".md-search-result__list");
    if (!list) return;
    new MutationObserver(function (changes) {
      changes.forEach(function (change) {
        change.addedNodes.forEach(function (node) {
          if (node.nodeType === Node.ELEMENT_NODE && node.matches("li.md-search-result__item")) tidy(node);
        });
      });
    }).observe(list, { childList: true });
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Mark the words of ?hl= as whole words (letters and digits on neither side) in the article. */
  function highlightLanding() {
    var value = new URL(window.location.href).searchParams.get(PARAM);
    var article = document.querySelector(".md-content article");
    if (!value || !article) return;
    var words = value.split(/\s+/).filter(meaningful).slice(0, 8);
    if (!words.length) return;
    var pattern = new RegExp(
      "(^|[^\\p{L}\\p{N}_])(" + words.map(escapeRegExp).join("|") + ")(?=$|[^\\p{L}\\p{N}_])", "giu"
    );
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
      acceptNode: function (node) {
        var parent = node.parentElement;
        if (!parent || parent.closest("script, style, mark, .headerlink, .md-source-file")) {
          return NodeFilter.FILTER_REJECT;
        }
        return NodeFilter.FILTER_ACCEPT;
      }
    });
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    nodes.forEach(function (text) {
      var source = text.nodeValue;
      pattern.lastIndex = 0;
      if (!pattern.test(source)) return;
      pattern.lastIndex = 0;
      var parts = document.createDocumentFragment();
      var last = 0;
      source.replace(pattern, function (match, before, word, offset) {
        var start = offset + before.length;
        parts.appendChild(document.createTextNode(source.slice(last, start)));
        var mark = document.createElement("mark");
        mark.setAttribute("data-kei-highlight", "");
        mark.textContent = word;
        parts.appendChild(mark);
        last = start + word.length;
        return match;
      });
      parts.appendChild(document.createTextNode(source.slice(last)));
      text.replaceWith(parts);
    });
  }

  watchResults();
  highlightLanding();
})();
