"""Is a quoted text something Kafka prints? Matching quotes with ``<placeholders>`` against Kafka's texts.

Every printed text is a template whose ``{}`` stand for what Kafka fills in at run time. A quote matches a
template when the template's literal parts appear in it, in order, and every part of the quote that falls on
a ``{}`` is either one of the quote's own ``<placeholders>``, a value (no spaces: a topic, a number, a class
name), or itself a Kafka text (an exception message inside a log line). A quote ending in "..." may stop
early. Templates are found by their longest literal part (one Aho-Corasick pass), so a check costs a few
regular-expression matches. The texts come from `kafka_source.SourceIndex` (the release's texts table).

To accept a new way Kafka composes texts: extend `TextIndex._match` (see the wildcards it uses).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

import ahocorasick_rs

from .wildcards import DECORATION, GLUED, fullmatches, match_start, prefix_groups, without_brackets

PH = "{}"
_MARK = "\x00"  # a quote's own <placeholder>, which only a template's {} may cover
_QUOTE_PLACEHOLDER = re.compile(r"<[^<>\n]{1,60}>")
_WORD = re.compile(r"[A-Za-z]{2,}")
_ELLIPSIS = ("...", "…")
_MAX_DEPTH = 3
_SCALA_REQUIRE = "requirement failed: "
_GENERATED = "org.apache.kafka.common.message"
_START = 12  # a quote cut short with "..." must start with this much of a text
_PUNCT_BETWEEN = re.compile(r"\{\}[^\sA-Za-z0-9{}]{1,2}\{\}")
# A throwable as Java prints it inside a message: `org.apache.kafka.common.errors.XException: its message`.
_THROWABLE = re.compile(r"^(?:[a-z_][\w$]*\.)+[A-Z][\w$]*(?:: (?P<message>.+))?$", re.S)


@dataclass(frozen=True)
class Template:
    text: str
    locations: str

    @cached_property
    def weak(self) -> bool:
        """One word between placeholders (`{} Call: {}`): it may only join texts that are verified themselves."""
        return len(_WORD.findall(self.text.replace(PH, _MARK))) < 2

    @cached_property
    def parts(self) -> list[str]:
        # `{}:{}` and `{}-{}` print one value to a reader (`host:9092`, `orders-0`), which a quote may write as one
        # <placeholder>: punctuation alone between two placeholders is folded into them.
        return _PUNCT_BETWEEN.sub(PH, self.text).split(PH)


_NAME = Template("{}", "")


def is_message(template: str) -> bool:
    """Two words and a space, or one word beside a placeholder: the texts the extraction keeps."""
    literal = template.replace(PH, _MARK)
    words = len(_WORD.findall(literal))
    return " " in literal and (words >= 2 or (words == 1 and PH in template))


class TextIndex:
    """The texts of one Kafka release as templates, with the automaton that finds a quote's candidates."""

    def __init__(self, texts: Iterable[tuple[str, str]]) -> None:
        self.templates = [Template(text, locations) for text, locations in texts if is_message(text)]
        self._matched: dict[tuple[str, bool, int], Template | None] = {}
        self._kinds: dict[tuple[str, int], str] = {}

    def load(self) -> None:
        """Build the lookup structures now rather than on the first quote."""
        _ = self._anchors, self._by_start

    @cached_property
    def _anchors(self) -> tuple[ahocorasick_rs.AhoCorasick, list[list[int]]]:
        """One automaton over each template's longest literal part; each part lists the templates it anchors."""
        by_anchor: dict[str, list[int]] = {}
        for index, template in enumerate(self.templates):
            anchor = max(template.parts, key=len)
            by_anchor.setdefault(anchor, []).append(index)
        anchors = list(by_anchor)
        return ahocorasick_rs.AhoCorasick(anchors), [by_anchor[a] for a in anchors]

    def verify_text(self, quote: str) -> Template | None:
        """The template that prints `quote`, or None. `<placeholders>` in the quote stand for run-time values."""
        text = _QUOTE_PLACEHOLDER.sub(_MARK, quote.strip())
        if " " not in text.replace(_MARK, ""):
            return _NAME  # a name or a value (`java.lang.InterruptedException`), not a sentence to check
        if text.startswith(_SCALA_REQUIRE):  # Scala's require(cond, msg) prints "requirement failed: " + msg
            return self.verify_text(text[len(_SCALA_REQUIRE) :])
        thrown = _THROWABLE.match(text)
        if thrown and thrown.group("message"):
            # A wrapper whose message is its cause's toString (`new StreamsException(cause)`): check the cause's,
            # unless Kafka printed the class name itself (`QuotaViolationException.toString`: "{}: '{}' violated").
            inner = self.verify_text(thrown.group("message"))
            if inner is not None:
                return inner
        prefix = text.endswith(_ELLIPSIS)
        if prefix:
            text = text.rstrip(".… ")
        return self._match(text, prefix, 0)

    def _match(self, text: str, prefix: bool, depth: int) -> Template | None:
        # The same part of a text is tried many times (every split of every candidate, and the same texts recur
        # across records): each answer is computed once per lint run.
        key = (text, prefix, depth)
        if key not in self._matched:
            self._matched[key] = self._match_once(text, prefix, depth)
        return self._matched[key]

    def _match_once(self, text: str, prefix: bool, depth: int) -> Template | None:
        candidates = list(self._candidates(text, prefix))
        for template in candidates:
            if prefix:
                splits = [g] if (g := prefix_groups(template.parts, text)) is not None else []
            else:
                splits = fullmatches(template.parts, text)
            if any(self._fills(template, groups, depth) for groups in splits):
                return template
        if depth >= _MAX_DEPTH:
            return None
        # Kafka also builds a text from several: `error += " Kafka Client will retry."`, or a context tag
        # appended or prepended (`formatException`: `msg + " [" + logPrefix + "]"`, LogContext's `[Producer ...] `).
        decorated = DECORATION.fullmatch(text)
        if decorated:
            return self._match(decorated["text"] or decorated["text2"], prefix, depth + 1)
        for template in candidates:
            head = match_start(template.parts, text)
            rest = text[head[1] :].strip() if head else ""
            if head and rest and self._fills(template, head[0], depth) and self._match(rest, prefix, depth + 1):
                return template
        # ... or a value printed right before a text (`String.format("%s%s", error, ". Error Message: " + m)`).
        glued = GLUED.match(text)
        if glued and self._match(text[glued.end() :], prefix, depth + 1):
            return _NAME
        return None

    def _fills(self, template: Template, groups: tuple[str, ...], depth: int) -> bool:
        kinds = [self._value_kind(group, depth) for group in groups]
        # A one-word template (`{} Call: {}`, `field: "{}"`) proves little alone: on its own it must join a
        # verified text; inside another text it only fills that text's placeholder.
        return all(kinds) and (not template.weak or depth > 0 or "text" in kinds)

    def _candidates(self, text: str, prefix: bool) -> Iterator[Template]:
        """Templates whose longest literal part is in the text; for a quote cut short, those it begins."""
        if prefix:
            yield from self._by_start.get(text[:_START], [])
            return
        automaton, anchored = self._anchors
        seen: set[int] = set()
        for found, _start, _end in automaton.find_matches_as_indexes(text, overlapping=True):
            for index in anchored[found]:
                if index not in seen:
                    seen.add(index)
                    yield self.templates[index]

    @cached_property
    def _by_start(self) -> dict[str, list[Template]]:
        out: dict[str, list[Template]] = {}
        for template in self.templates:
            if len(template.parts[0]) >= _START:
                out.setdefault(template.parts[0][:_START], []).append(template)
        return out

    def _value_kind(self, captured: str, depth: int) -> str:
        """What a template's {} covered: "value" (a placeholder, a value without spaces, a list of them),
        "text" (another Kafka text, or an exception printed as `Class: message`), or "" (unverified words)."""
        key = (captured, depth)
        if key not in self._kinds:
            self._kinds[key] = self._value_kind_once(captured, depth)
        return self._kinds[key]

    def _value_kind_once(self, captured: str, depth: int) -> str:
        rest = without_brackets(captured.replace(_MARK, "").strip())
        if all(" " not in item for item in rest.split(", ")):
            return "value"
        if depth >= _MAX_DEPTH:
            return ""
        thrown = _THROWABLE.match(captured.strip())
        if thrown and not captured.strip().startswith(("org.apache.kafka.", "kafka.")):
            return "value"  # another library's exception printed into a Kafka text (`java.net.ConnectException: ...`)
        inner = thrown.group("message") if thrown else captured.strip()
        if inner is None or self._match(inner, False, depth + 1) is not None:
            return "text"
        return ""
