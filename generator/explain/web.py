"""The matcher index of the site's Explain page: the command's names, flags and rules as one compact JSON file.

The page (`templates/static/javascripts/explain-core.js`) ranks a paste in the browser with the same names,
the same leftmost-longest matching, the same stack-trace rules and the same sort key as `Explainer`; this
module is where both runtimes get their data, so nothing is defined twice:

- `names[i]` is a searchable name; `targets_of[i]` the entries it points to; `flags[i]` is 1 for a class
  name (nests on a line: a cause chain) and 2 for a fragment of a message template (weak evidence);
  `client_of[i]` names the client libraries whose name or text it is, when no Kafka name is the same;
- `markers` follow the names in pattern order: "Caused by:" first, then the error-code phrases;
- `code_number`, `timestamp` and `cause_prefixes` are the scanner's own patterns (JavaScript reads the
  same regular-expression syntax);
- `targets` are the entries: id, title, summary, URL relative to the site root, client, flags (1 wrapper,
  2 retired: a class Kafka 4.0 removed).

To change what the page shows of an entry: add a field to `_target` and read it in explain.js. To change
the matching: change `Matcher` or `Explainer`, then this file if the page needs a new value; the browser
test that runs both on every sample log (tests/test_explain_page.py) fails until they agree.
"""

from __future__ import annotations

import json
from typing import Any

from ..model import Catalog
from .matcher import CAUSE_PREFIXES, CAUSED_BY, CODE_MARKERS, Matcher, Target
from .scan import BLOCK_GAP, CODE_NUMBER, MAX_EVIDENCE, MAX_LINE, MAX_SEEN, TIMESTAMP

INDEX_PATH = "explain/matcher.json"


def _target(target: Target) -> list[Any]:
    flags = int(target.is_wrapper) | (2 * int(target.retired))
    return [target.id, target.title, target.summary, target.url, target.client, flags]


def browser_index(matcher: Matcher) -> dict[str, Any]:
    """The index as a JSON-ready dict; URLs are those the matcher was built with (relative: site_url "")."""
    markers = [CAUSED_BY, *CODE_MARKERS]
    return {
        "version": 1,
        "names": matcher.names,
        "targets_of": [list(t) for t in matcher.name_targets],
        "flags": [int(c) | (2 * int(w)) for c, w in zip(matcher.is_class, matcher.is_weak, strict=True)],
        "client_of": matcher.client_of,
        "markers": [m.decode("ascii") for m in markers],
        "codes": {str(code): index for code, index in sorted(matcher.by_code.items())},
        "cause_prefixes": [p.decode("ascii") for p in CAUSE_PREFIXES],
        "code_number": CODE_NUMBER.pattern.decode("ascii"),
        "timestamp": TIMESTAMP.pattern.decode("ascii"),
        "limits": {"evidence": MAX_EVIDENCE, "line": MAX_LINE, "seen": MAX_SEEN, "block_gap": BLOCK_GAP},
        "targets": [_target(t) for t in matcher.targets],
    }


def explain_files(catalog: Catalog, document: dict[str, Any] | None = None) -> dict[str, str]:
    """`{path: text}` for the docs tree: the page's index, compact and in a stable order (deterministic).
    `document`: the catalog's export document, if the build has it (see `Matcher`)."""
    index = browser_index(Matcher(catalog, "", document))
    return {INDEX_PATH: json.dumps(index, ensure_ascii=False, separators=(",", ":")) + "\n"}
