"""Jinja2 environment and the filters that make contributor text safe inside generated Markdown.

Templates render Markdown with autoescaping on, so any value printed with ``{{ }}`` is HTML-escaped unless
a filter below has already made it safe. Contributor prose goes through `prose`, which keeps Markdown
(emphasis, lists, inline code, https links) but neutralises what could become markup: raw HTML, attribute
lists and links with other schemes. Literal values go through `code` (a backtick fence longer than any
run inside the value) or, in the parts written as HTML, `html_code` and `code_block` (escaped), so nothing
can break out.

Most filters come in pairs, one per context a value lands in, because the same value needs different escaping
and MkDocs treats the two differently: Markdown text (`inline`, `code`, `rel`) and raw HTML (`inline_html`,
`html_code`, `href`). A template writes HTML only where Markdown cannot give the same page (ARCHITECTURE.md).

To add a filter: write a function returning `Markup` for text that is already safe Markdown, and register
it in `environment`.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from jinja2 import ChainableUndefined, Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.exceptions import UndefinedError
from jinja2.runtime import Context
from jinja2.utils import missing
from markupsafe import Markup, escape

from .. import urls
from ..kafka_source import LOCATION
from ..markup import CODE_SPAN, outside_code
from ..versions import KAFKA_VERSION

_LINK_TARGET = re.compile(r"(\]\(\s*)(<?)([^)\s>]*)")
_REF_DEF = re.compile(r"^(\s{0,3}\[[^\]]+\]:\s*)(\S+)", re.M)


def _escape_text(text: str) -> str:
    """Outside code: characters that would start HTML, entities or attribute lists become entities."""
    # `&` stays: Markdown escapes a bare one itself, and an entity typed in prose only ever renders as text.
    text = text.replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("{", "&#123;").replace("}", "&#125;")
    if "](" in text:  # (the two searches cost more than the rest of a page's escaping when there is no link)
        text = _LINK_TARGET.sub(lambda m: m.group(1) + m.group(2) + _safe_url(m.group(3)), text)
    if "]:" in text:
        text = _REF_DEF.sub(lambda m: m.group(1) + _safe_url(m.group(2)), text)
    return text


def _safe_url(url: str) -> str:
    return url if url.lower().startswith("https://") else "#unsafe-link-removed"


def prose(text: str | None) -> Markup:
    """Contributor Markdown, made inert: the lint rejects HTML (KEI501) and bad links (KEI502); this is the backstop."""
    if not text:
        return Markup("")
    return Markup(outside_code(str(text).strip(), _escape_text, span=_one_line))


def _one_line(span: str) -> str:
    """A code span folded onto one line (Markdown shows its line breaks as spaces anyway): a wrapped span whose
    next line starts with `<host:port>` would otherwise open an HTML block and swallow the rest of the page."""
    return re.sub(r"\n[ \t]*", " ", span) if "\n" in span else span


def inline(text: str | None) -> Markup:
    """Prose on one line (titles, table cells): newlines folded, pipes escaped for tables."""
    folded = " ".join(str(text or "").split())
    return Markup(outside_code(folded, lambda part: _escape_text(part).replace("|", "\\|")))


def code(value: Any) -> Markup:
    """An inline code span that contains `value` literally, whatever backticks it holds."""
    text = " ".join(str(value).split())
    if not text:
        return Markup("")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return Markup(f"{fence}{pad}{text}{pad}{fence}")


def html_code(value: Any, dotted: bool = False) -> Markup:
    """Inline code in the parts of a page written as HTML, where a Markdown code span would print its backticks."""
    # dotted=True: a dotted name that a narrow screen may break after a dot (<wbr>), never inside a word
    parts = [str(escape(part)) for part in (str(value).split(".") if dotted else [str(value)])]
    return Markup("<code>" + ".<wbr>".join(parts) + "</code>")


def inline_html(value: Any) -> Markup:
    """Short text for an HTML part of a page: escaped, with `code spans` kept as code."""
    escaped = str(escape(" ".join(str(value or "").split())))
    return Markup(CODE_SPAN.sub(lambda m: f"<code>{m.group(2).strip()}</code>", escaped))


def code_block(value: Any, lang: str = "text") -> Markup:
    """A code block as HTML in the shape Material styles: a fenced block would cost MkDocs' highlighting (measured)."""
    # Material gives this shape its copy button; skipping the highlighter is a large share of MkDocs' time per page.
    language = lang if re.fullmatch(r"[a-z]+", lang or "") else "text"
    text = escape(str(value).rstrip("\n"))
    return Markup(f'<div class="language-{language} highlight"><pre><span></span><code>{text}</code></pre></div>')


@pass_context
def href(context: Context, target: str) -> str:
    """URL of a page relative to this one, for links written as HTML: MkDocs rewrites only Markdown links (`rel`)."""
    return urls.relative_url(context["page_path"], target)


def yaml_value(value: Any) -> Markup:
    """A value for the YAML front matter (JSON is valid YAML and escapes everything)."""
    return Markup(json.dumps(value, ensure_ascii=False))


@pass_context
def rel(context: Context, target: str) -> str:
    """Relative .md path to a page, for Markdown links: MkDocs checks it (strict) and makes it a URL; a URL fails."""
    # `page_path` in the context is the page being rendered; a Markdown link to `../x/` is an unrecognized link
    return urls.relative(context["page_path"], target)


def attribute(value: Any) -> Markup:
    """Text for an HTML attribute that MkDocs prints unescaped (the page description)."""
    return Markup(str(escape(" ".join(str(value).split()))))


def url(value: Any) -> Markup:
    """A link target: https only, with the characters that end a Markdown link percent-encoded."""
    safe = _safe_url(str(value).strip())
    return Markup(safe.replace("(", "%28").replace(")", "%29").replace(" ", "%20"))


def yes_no(value: bool | None) -> str:
    """A fact that may be unknown (None), in words for a table cell: a bare bool would print True/False/None."""
    return "unknown" if value is None else ("yes" if value else "no")


# Evidence links point at Kafka's repository at the release the facts describe, so a line number stays right.
_SOURCE_BASE = "https://github.com/apache/kafka/blob/{version}/{path}#L{first}{last}"


def source_links(locations: Any, version: str = KAFKA_VERSION) -> Markup:
    """`path:first-last` locations as one line of "Source" links to Kafka's repository at the checked release."""
    # file name and lines as the link text; the release the record is checked against (3.9.1 for a retired record).
    # HTML, not Markdown: a raw HTML block is followed by a blank line in the page, a Markdown paragraph is not.
    links = []
    for location in locations if isinstance(locations, list) else []:
        match = LOCATION.fullmatch(str(location))
        if match is None:
            continue  # the lint refuses it (KEI104); the page leaves it out
        path, first, last = match.group("path", "first", "last")
        lines = f"{first}-{last}" if last else first
        target = _SOURCE_BASE.format(version=version, path=path, first=first, last=f"-L{last}" if last else "")
        label = f"{path.rsplit('/', 1)[-1]}:{lines}"
        links.append(f'<a href="{escape(target)}" title="{escape(path)}">{escape(label)}</a>')
    if not links:
        return Markup("")
    return Markup(f'<p class="kei-sources">Source (Kafka {escape(version)}): {" · ".join(links)}</p>')


def origin(value: Any) -> str:
    """Who prints a text that is not Kafka 4.1.1's: "Kafka 3.9 and earlier", "librdkafka 2.16.0", ..."""
    if not isinstance(value, dict):
        return ""
    if "kafka" in value:
        versions = str(value["kafka"])
        first, dash, last = versions.partition("-")
        if not dash:
            return f"Kafka {versions}"
        if not first:
            return f"Kafka {last} and earlier"
        return f"Kafka {first} to {last}" if last else f"Kafka {first} and later"
    name = _CLIENT_NAMES.get(str(value.get("client")), str(value.get("client") or value.get("other") or ""))
    return f"{name} {value['version']}" if value.get("version") else name


_CLIENT_NAMES = {
    "librdkafka": "librdkafka",
    "kafka-python": "kafka-python",
    "aiokafka": "aiokafka",
    "franz-go": "franz-go",
    "sarama": "sarama",
    "kafkajs": "KafkaJS",
    "java": "the Java client",
}


class _Undefined(ChainableUndefined):
    """An absent optional field of a record (`cause.sources`) reads as empty, as YAML records leave them out; a
    name the template never received (a misspelt variable) fails the build (a `StrictUndefined`)."""

    def __new__(
        cls, hint: str | None = None, obj: Any = missing, name: str | None = None, exc: type = UndefinedError
    ) -> Any:
        if obj is missing and hint is None:
            return StrictUndefined(hint, obj, name, exc)
        return super().__new__(cls)


def environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,
        undefined=_Undefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        # One environment per rendering, so no template changes under it: without this, every include of a
        # partial asked the file system for the template's modification time (1,500 times for 400 entries).
        auto_reload=False,
    )
    env.globals["kafka_version"] = KAFKA_VERSION  # templates name the release from generator/versions.py
    env.globals["pages"] = urls  # and every page by its path in generator/urls.py: `{{ pages.ERRORS|rel }}`
    env.filters.update(
        prose=prose,
        inline=inline,
        code=code,
        html_code=html_code,
        inline_html=inline_html,
        code_block=code_block,
        href=href,
        yaml=yaml_value,
        rel=rel,
        yes_no=yes_no,
        attribute=attribute,
        url=url,
        source_links=source_links,
        origin=origin,
    )
    return env
