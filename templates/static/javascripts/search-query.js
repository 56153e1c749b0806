/* Make pasted error text searchable. Material's search hands the query to lunr, whose query syntax gives
   meaning to ":" (field), "-" and "+" (presence), "~" (fuzzy), "^" (boost) and "*" (wildcard). Kafka
   messages are full of them ("Expiring 12 record(s) for orders-3:120001 ms ..."), and a pasted message
   then finds nothing. The index splits words on these characters anyway, so replacing them by spaces in
   the query keeps its meaning. The query is rewritten on its way to Material's search worker; what the
   reader typed in the box is left as it is. */
(function () {
  "use strict";
  /* Material's page sends its search worker two kinds of message: the setup (the index, an object) and each
     query (a string). The query is therefore the message whose `data` is a string; no message type number of
     Material's is assumed (the browser tests in tests/test_browser*.py fail if a Material update changes this). */
  var post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (message) {
    if (message && typeof message.data === "string") {
      var args = Array.prototype.slice.call(arguments, 1);
      // ... and the index splits words on the separator of mkdocs.yml anyway: its characters are spaces here too
      var text = message.data.replace(/[:^~*+\-=,;!\[\](){}"`\/<>|]+/g, " ");
      /* The index splits CamelCase names into words that many pages share; each page also carries the whole
         name lowercased as one token (generator/render/pages.py, _joined). Add that token for every CamelCase
         word of the query, so "KafkaTimeoutError" ranks the page that owns exactly that name first. */
      var joined = [];
      text.split(/[\s.]+/).forEach(function (word) {
        if (/^[A-Za-z_$][\w$]*[a-z][A-Z][\w$]*$/.test(word)) joined.push(word.toLowerCase());
      });
      /* Material appends "*" to every query word (search as you type) and scores without length normalisation,
         so the words of a pasted sentence match the start of countless other words ("to" -> "topic") and the pages
         with the most text win. A pasted sentence (three words or more) is a text to find as written: its words
         get "^1", which Material leaves without "*", and one- and two-letter words and bare numbers are dropped. A short query
         ("OutOfOrder", "6") keeps the prefix matching a reader typing it expects; a config key
         ("group.instance.id") is matched word for word. */
      var words = text.split(/\s+/).filter(function (w) { return w; }).concat(joined);
      var key = words.length === 1 && /^[a-z0-9]+(\.[a-z0-9]+)+$/.test(words[0]);  // a config key: its words as written
      /* A typed start of a message ("Expiring 12") holds a value too: a number beside a word is not the error code
         that a code page is found by (codes 12, 120 to 129 would rank first), unless that word says it is one. */
      if (words.length === 2 && words.some(function (w) { return /[A-Za-z]{3,}/.test(w) && !/^(code|error|err)$/i.test(w); })) {
        words = words.filter(function (w) { return !/^\d+$/.test(w); });
      }
      // a number alone is a protocol error code: "6" is code 6, not also 60 to 69 (whose pages then outrank it)
      if (words.length === 1 && /^\d+$/.test(words[0])) words = [words[0] + "^1"];
      if (words.length >= 3 || key) {
        // numbers in a pasted text are values (offsets, ids, sizes), not the error codes a code page is found by
        words = words.filter(function (w) { return w.length > 2 && !/^\d+$/.test(w); });
        words = words.map(function (w) { return /[A-Za-z0-9]/.test(w) ? w + "^1" : w; });
      }
      /* A short text pasted whole also carries its one-token form (generator/render/pages.py, _phrase): the page
         that prints exactly this text outranks the pages that merely share its words. */
      var all = message.data.match(/[A-Za-z0-9]+/g) || [];
      if (all.length >= 2 && all.length <= 8) words.push(all.join("").toLowerCase() + (words.length >= 3 ? "^1" : ""));
      var clean = { type: message.type, data: words.join(" ") };
      return post.apply(this, [clean].concat(args));
    }
    return post.apply(this, arguments);
  };
})();
