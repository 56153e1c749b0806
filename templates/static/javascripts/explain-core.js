/* The ranking of `kafka-errors explain`, in the browser: KEIExplain.compile(index) once, then .rank(text).

   A port of generator/explain/scan.py (Explainer) over the index that generator/explain/web.py writes from
   the same Matcher, so the page and the command agree (tests/test_explain_page.py runs both on every sample
   log). Keep the two in step: a change to the scanning or the sort key there needs the same change here.

   - Matching is leftmost-longest over all names and markers, like the command's Aho-Corasick automaton: at
     each position the trie is walked as far as the text allows, the longest name ending there wins, and the
     scan continues after it. Logs rarely share more than a few characters with a name, so the walk is short.
   - A line that starts with "Caused by:" (or Node's "[cause]:") continues the stack trace above it; the
     deepest match of a trace is its root cause. Wrappers rank after what they wrap; names before template
     fragments; then more distinct lines, more distinct names, a current entry before a retired one, the
     earliest line, the id.
   Nothing here touches the page or the network: it is a pure function of the index and the text. */
(function (root) {
  "use strict";

  var IDENT = /[A-Za-z0-9_]/;
  var SPACE = /^[ \t\n\r\x0b\x0c]+|[ \t\n\r\x0b\x0c]+$/g; // what Python's bytes.strip() removes

  function compile(index) {
    var patterns = index.names.concat(index.markers);
    // The trie: per node a Map from a UTF-16 code unit to the next node; `ends[node]` is the pattern ending there.
    var next = [new Map()];
    var ends = [-1];
    patterns.forEach(function (pattern, p) {
      var node = 0;
      for (var i = 0; i < pattern.length; i++) {
        var c = pattern.charCodeAt(i);
        var to = next[node].get(c);
        if (to === undefined) {
          to = next.length;
          next.push(new Map());
          ends.push(-1);
          next[node].set(c, to);
        }
        node = to;
      }
      ends[node] = p;
    });
    var targets = index.targets.map(function (t) {
      return { id: t[0], title: t[1], summary: t[2], url: t[3], client: t[4],
               wrapper: (t[5] & 1) !== 0, retired: (t[5] & 2) !== 0 };
    });
    var codes = new Map();
    Object.keys(index.codes).forEach(function (code) { codes.set(Number(code), index.codes[code]); });
    return {
      index: index,
      next: next,
      ends: ends,
      firstMarker: index.names.length,
      targets: targets,
      byId: new Map(targets.map(function (t) { return [t.id, t]; })),
      codes: codes,
      codeNumber: new RegExp(index.code_number, "g"),
      timestamp: new RegExp(index.timestamp),
      limits: index.limits,
    };
  }

  function bounded(text, start, end) {
    // an identifier-like name must not be part of a longer identifier (UNKNOWN in UNKNOWN_TOPIC_OR_PARTITION)
    if (IDENT.test(text.charAt(start)) && start > 0 && IDENT.test(text.charAt(start - 1))) return false;
    return !(IDENT.test(text.charAt(end - 1)) && end < text.length && IDENT.test(text.charAt(end)));
  }

  function startsWithCause(m, text, lineStart) {
    var head = text.slice(lineStart, lineStart + 200).replace(/^[ \t\n\r\x0b\x0c]+/, "");
    return m.index.cause_prefixes.some(function (prefix) { return head.startsWith(prefix); });
  }

  function rank(m, input) {
    var text = input.length && input.charAt(input.length - 1) !== "\n" ? input + "\n" : input;
    var limits = m.limits;
    var findings = new Map();
    var block = newBlock(-1);
    var line = 1;
    var countedTo = 0;
    var currentStart = -1;
    var order = 0;

    function newBlock(start) {
      return { start: start, depth: 0, last: -1, deepDepth: -1, deepOrder: -1, deepTargets: new Set() };
    }

    function closeBlock() {
      if (block.deepDepth > 0 || (block.deepDepth === 0 && block.deepOrder > 1)) {
        block.deepTargets.forEach(function (t) {
          var f = findings.get(t);
          f.priority = Math.min(f.priority, 0);
        });
      }
    }

    function newLine(lineNo, causedBy) {
      if (causedBy && block.start >= 0 && lineNo - block.last < limits.block_gap) {
        block.depth += 1;
      } else {
        closeBlock();
        block = newBlock(lineNo);
      }
      block.last = lineNo;
    }

    function record(target, lineNo, lineText, name, ord, weak, client) {
      if (block.depth > block.deepDepth || (block.depth === block.deepDepth && ord > block.deepOrder)) {
        block.deepDepth = block.depth;
        block.deepOrder = ord;
        block.deepTargets = new Set([target]);
      } else if (block.depth === block.deepDepth && ord === block.deepOrder) {
        block.deepTargets.add(target);
      }
      var f = findings.get(target);
      if (f === undefined) {
        f = { target: m.targets[target], firstLine: lineNo, priority: 1, strong: false, lines: 0,
              evidence: [], seen: new Set(), names: new Set() };
        findings.set(target, f);
      }
      f.strong = f.strong || !weak;
      f.names.add(name);
      var key = lineText.replace(m.timestamp, "").replace(SPACE, "");
      if (f.seen.has(key)) return;
      if (f.seen.size < limits.seen) f.seen.add(key);
      f.lines += 1;
      if (f.evidence.length < limits.evidence) {
        f.evidence.push({ line: lineNo, text: lineText.slice(0, limits.line).replace(/\r+$/, ""), name: name,
                          client: client || "" });
      }
    }

    function match(start, end, pattern) {
      line += countNewlines(text, countedTo, start);
      countedTo = start;
      var lineStart = text.lastIndexOf("\n", start - 1) + 1;
      if (lineStart !== currentStart) {
        currentStart = lineStart;
        order = 0;
        newLine(line, startsWithCause(m, text, lineStart));
      }
      var lineEnd = text.indexOf("\n", start);
      var lineText = text.slice(lineStart, lineEnd >= 0 ? lineEnd : text.length);
      if (pattern >= m.firstMarker) {
        if (pattern > m.firstMarker) { // an error-code phrase: read the number
          m.codeNumber.lastIndex = 0;
          var found;
          while ((found = m.codeNumber.exec(lineText)) !== null) {
            var target = m.codes.get(parseInt(found[1], 10));
            if (target !== undefined) record(target, line, lineText, "error code " + parseInt(found[1], 10), order, false);
          }
        }
        return;
      }
      if (!bounded(text, start, end)) return;
      var flags = m.index.flags[pattern];
      if (flags & 1) order += 1;
      m.index.targets_of[pattern].forEach(function (t) {
        record(t, line, lineText, m.index.names[pattern], order, (flags & 2) !== 0, m.index.client_of[pattern]);
      });
    }

    // leftmost-longest, non-overlapping: the same matches as the command's automaton
    var next = m.next, ends = m.ends, rootMap = next[0], n = text.length;
    for (var i = 0; i < n; ) {
      var node = rootMap.get(text.charCodeAt(i));
      var best = -1, bestEnd = -1;
      for (var j = i + 1; node !== undefined; j++) {
        if (ends[node] >= 0) { best = ends[node]; bestEnd = j; }
        if (j >= n) break;
        node = next[node].get(text.charCodeAt(j));
      }
      if (best >= 0) {
        match(i, bestEnd, best);
        i = bestEnd;
      } else {
        i += 1;
      }
    }
    closeBlock();

    var ranked = Array.from(findings.values());
    ranked.sort(function (a, b) {
      var ka = [a.priority + (a.target.wrapper ? 2 : 0), a.strong ? 0 : 1, -a.lines, -a.names.size,
                a.target.retired ? 1 : 0, a.firstLine];
      var kb = [b.priority + (b.target.wrapper ? 2 : 0), b.strong ? 0 : 1, -b.lines, -b.names.size,
                b.target.retired ? 1 : 0, b.firstLine];
      for (var k = 0; k < ka.length; k++) if (ka[k] !== kb[k]) return ka[k] - kb[k];
      return a.target.id < b.target.id ? -1 : a.target.id > b.target.id ? 1 : 0;
    });
    return ranked.map(function (f) {
      return { target: f.target, rootCause: f.priority === 0 && !f.target.wrapper, line: f.firstLine,
               lines: f.lines, evidence: f.evidence };
    });
  }

  function countNewlines(text, from, to) {
    var count = 0;
    for (var at = text.indexOf("\n", from); at >= 0 && at < to; at = text.indexOf("\n", at + 1)) count++;
    return count;
  }

  root.KEIExplain = {
    compile: compile,
    rank: function (compiled, text) { return rank(compiled, text); },
  };
})(window);
