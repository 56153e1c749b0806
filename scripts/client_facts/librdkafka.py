"""librdkafka: its own (negative, ``RD_KAFKA_RESP_ERR__*``) error codes, err2str texts, and CONFIGURATION.md.

Sources read from the release tree:
- ``src/rdkafka.h``: the ``rd_kafka_resp_err_t`` enum (names and numbers; `location` points here);
- ``src/rdkafka.c``: the ``rd_kafka_err_descs[]`` table of ``_ERR_DESC(ENUM, "text")`` (what err2str prints);
- ``CONFIGURATION.md``: the global and topic property tables (key and default);
- ``src/*.c``: the texts librdkafka prints along with a local error (`_log_texts`): the format string of each
  ``rd_kafka_broker_fail(rkb, level, RD_KAFKA_RESP_ERR__X, "fmt", ...)``, ``rd_kafka_op_err(rk, ERR, "fmt", ...)``,
  ``rd_kafka_consumer_err(q, broker, ERR, version, topic, rktp, offset, "fmt", ...)``, ``rd_kafka_set_fatal_error(rk, ERR, "fmt", ...)`` and
  ``rd_kafka_error_new(ERR, "fmt", ...)`` call: under the error's name when it is a literal local code, else under
  ``(any)`` (the call passes a variable code, as ``"SASL authentication error: %s"`` does). HistoryRows with releases =
  the release read, so a pasted log line (``Connect to ipv4#10.0.0.7:9092 failed: Connection
  refused``) matches its entry; printf conversions (and ``"%" PRId32``) are written ``{}``.

Names are spelled as librdkafka's own ``rd_kafka_get_err_descs()`` spells them (the enum name minus
``RD_KAFKA_RESP_ERR_``): ``_MSG_TIMED_OUT``, number -192. Only the local codes (between ``__BEGIN`` and
``__END``) become ErrorRows; the per-code texts (``UNKNOWN`` -1 and the protocol codes >= 0) are only compared for
history (HistoryRow.name = the code number).

Other trees this module reads (all optional; a missing one is reported on stderr and skipped):
- Older releases for `history`: ``LIBRDKAFKA_HISTORY`` = ``<tree>@<tag>`` items separated by ``os.pathsep``; when
  unset, ``<tree's parent>/librdkafka-<tag>`` for each tag in ``HISTORY_TAGS``.
- The bindings' names for the local codes (ErrorRow.bindings): ``CONFLUENT_KAFKA_PYTHON_TREE``,
  ``CONFLUENT_KAFKA_GO_TREE``, ``CONFLUENT_KAFKA_DOTNET_TREE``; when unset,
  ``<tree's parent>/confluent-kafka-{python,go,dotnet}-<release>`` (the bindings' tag of the same version).
  * confluent-kafka-python: ``KafkaError_add_errs`` in ``src/confluent_kafka/src/confluent_kafka.c`` sets one
    attribute per ``rd_kafka_get_err_descs()`` entry, named by that entry's ``name`` (the enum name from offset 18,
    as ``_ERR_DESC`` in rdkafka.c builds it): ``KafkaError._MSG_TIMED_OUT``. Both facts are checked in the source.
  * confluent-kafka-go: ``kafka/generated_errors.go`` lines ``ErrMsgTimedOut ErrorCode = C.RD_KAFKA_RESP_ERR__MSG_TIMED_OUT``.
  * confluent-kafka-dotnet: ``src/Confluent.Kafka/ErrorCode.cs`` members ``Local_MsgTimedOut = -192`` (by number).
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from . import ConfigRow, ErrorRow, Extract, HistoryRow, older_trees

CLIENT = "librdkafka"
REPOSITORY = "confluentinc/librdkafka"
HISTORY_TAGS = ("v0.11.6", "v1.0.0", "v1.6.0", "v1.9.2", "v2.3.0")
PREFIX = "RD_KAFKA_RESP_ERR_"
BINDINGS = (
    ("confluent-kafka-python", "CONFLUENT_KAFKA_PYTHON_TREE"),
    ("confluent-kafka-go", "CONFLUENT_KAFKA_GO_TREE"),
    ("confluent-kafka-dotnet", "CONFLUENT_KAFKA_DOTNET_TREE"),
)


def _warn(message: str) -> None:
    print(f"librdkafka: {message}", file=sys.stderr)


def _strip_comments(text: str) -> str:
    """Blank out C comments (keeping newlines, so line numbers hold) outside string literals."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append(text[i : j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def _c_string(literals: str) -> str:
    """Concatenate adjacent C string literals and undo the simple escapes."""
    parts = re.findall(r'"((?:[^"\\]|\\.)*)"', literals)
    text = "".join(parts)
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m.group(1), m.group(1)), text)


def _enum(tree: Path) -> dict[str, tuple[int, int]]:
    """rd_kafka_resp_err_t: full enum name -> (number, line in src/rdkafka.h)."""
    text = _strip_comments((tree / "src/rdkafka.h").read_text(encoding="utf-8", errors="replace"))
    begin = text.find(PREFIX + "_BEGIN")
    start = text.rfind("typedef enum", 0, begin)
    end = text.find("} rd_kafka_resp_err_t;", begin)
    if begin < 0 or start < 0 or end < 0:
        raise ValueError(f"{tree}: rd_kafka_resp_err_t enum not found in src/rdkafka.h")
    body = text[start:end]
    body = re.sub(r"^[ \t]*#(?:.*\\\n)*.*$", lambda m: "\n" * m.group(0).count("\n"), body, flags=re.M)
    result: dict[str, tuple[int, int]] = {}
    value = -1
    line0 = text.count("\n", 0, start) + 1
    for m in re.finditer(r"\b(RD_KAFKA_RESP_ERR_\w+)\s*(?:=\s*(-?\d+))?\s*,?", body):
        value = int(m.group(2)) if m.group(2) is not None else value + 1
        result[m.group(1)] = (value, line0 + body.count("\n", 0, m.start()))
    return result


def _descs(tree: Path) -> dict[str, str]:
    """rd_kafka_err_descs[]: full enum name -> err2str text (entries with a NULL text are left out)."""
    text = _strip_comments((tree / "src/rdkafka.c").read_text(encoding="utf-8", errors="replace"))
    start = text.find("rd_kafka_err_descs[]")
    end = text.find("};", start)
    if start < 0 or end < 0:
        raise ValueError(f"{tree}: rd_kafka_err_descs[] not found in src/rdkafka.c")
    result: dict[str, str] = {}
    for m in re.finditer(
        r'_ERR_DESC\s*\(\s*(RD_KAFKA_RESP_ERR_\w+)\s*,\s*((?:"(?:[^"\\]|\\.)*"\s*)+|NULL)\s*\)', text[start:end]
    ):
        if m.group(2) != "NULL":
            result[m.group(1)] = _c_string(m.group(2))
    return result


def _texts(tree: Path) -> dict[str, str]:
    """History key -> err2str text: the short name for local codes, the code number for the others."""
    enum = _enum(tree)
    result: dict[str, str] = {}
    for full, text in _descs(tree).items():
        if full not in enum:
            continue
        number = enum[full][0]
        key = full[len(PREFIX) :] if number < -1 else str(number)
        result[key] = text
    return result


def _history(current: dict[str, str], older: list[tuple[str, dict[str, str]]]) -> list[HistoryRow]:
    """One row per run of consecutive compared releases that printed the same text, different from the current."""
    rows: list[HistoryRow] = []
    for key, now in current.items():
        run: list[str] = []
        run_text: str | None = None
        for tag, texts in [*older, ("", {key: now})]:
            text = texts.get(key)
            if text != run_text:
                if run_text is not None and run_text != now and run:
                    rows.append(
                        HistoryRow(
                            key,
                            run_text,
                            f"{run[0].lstrip('v')}-{run[-1].lstrip('v')}" if len(run) > 1 else run[0].lstrip("v"),
                        )
                    )
                run, run_text = [], text
            run.append(tag)
    return rows


def _binding_tree(tree: Path, release: str, name: str, variable: str) -> Path | None:
    value = os.environ.get(variable)
    path = Path(value) if value else tree.parent / f"{name}-{release}"
    if path.is_dir():
        return path
    _warn(f"no {name} tree at {path} (set {variable}); its names are left out")
    return None


def _python_names(path: Path, librdkafka_tree: Path) -> dict[str, str]:
    """Check that confluent-kafka-python names KafkaError's constants by rd_kafka_get_err_descs()' `name`, and that
    librdkafka builds that name as the enum name minus RD_KAFKA_RESP_ERR_ (18 characters); then map enum -> name."""
    c = (path / "src/confluent_kafka/src/confluent_kafka.c").read_text(encoding="utf-8", errors="replace")
    adds = re.search(r"KafkaError_add_errs\s*\(\s*PyObject\s*\*\s*dict.*?\n}", c, re.S)
    sets_name = adds and re.search(r"PyDict_SetItemString\s*\(\s*dict\s*,\s*descs\[i\]\.name\s*,", adds.group(0))
    on_kafka_error = re.search(r"KafkaError_add_errs\s*\(\s*KafkaErrorType\.tp_dict", c)
    rdkafka_c = (librdkafka_tree / "src/rdkafka.c").read_text(encoding="utf-8", errors="replace")
    pfx = re.search(
        r"#define\s+_ERR_DESC\s*\(\s*ENUM\s*,\s*DESC\s*\).*?&\s*\(\s*#ENUM\s*\)\s*\[\s*(\d+)\s*\]", rdkafka_c, re.S
    )
    if not (sets_name and on_kafka_error and pfx and int(pfx.group(1)) == len(PREFIX)):
        _warn(f"{path}: KafkaError constants are not named as expected; confluent-kafka-python names left out")
        return {}
    return {full: f"KafkaError.{full[len(PREFIX) :]}" for full in _descs(librdkafka_tree)}


def _go_names(path: Path) -> dict[str, str]:
    text = (path / "kafka/generated_errors.go").read_text(encoding="utf-8", errors="replace")
    return {
        m.group(2): f"kafka.{m.group(1)}"
        for m in re.finditer(r"^\s*(Err\w+)\s+ErrorCode\s*=\s*C\.(RD_KAFKA_RESP_ERR_\w+)", text, re.M)
    }


def _dotnet_names(path: Path) -> dict[int, str]:
    text = _strip_comments((path / "src/Confluent.Kafka/ErrorCode.cs").read_text(encoding="utf-8", errors="replace"))
    return {
        int(m.group(2)): f"ErrorCode.{m.group(1)}" for m in re.finditer(r"^\s*(\w+)\s*=\s*(-?\d+)\s*,?", text, re.M)
    }


def _config(tree: Path) -> list[ConfigRow]:
    rows: list[ConfigRow] = []
    scope = ""
    columns: list[str] = []
    for line in (tree / "CONFIGURATION.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            heading = line[3:].lower()
            scope = "global" if heading.startswith("global") else "topic" if heading.startswith("topic") else ""
            columns = []
            continue
        if not scope or "|" not in line:
            continue
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line)]
        if not columns:
            columns = [cell.lower() for cell in cells]
            continue
        if set(cells[0]) <= set("-: "):
            continue
        record = dict(zip(columns, cells, strict=False))
        rows.append(ConfigRow(record["property"], scope, record.get("default", "")))
    return rows


_CALLS = {  # function -> (index of the error argument, index of the format string)
    "rd_kafka_broker_fail": (2, 3),
    "rd_kafka_op_err": (1, 2),
    "rd_kafka_q_op_err": (1, 2),
    "rd_kafka_consumer_err": (2, 7),
    "rd_kafka_set_fatal_error": (1, 2),
    "rd_kafka_error_new": (0, 1),
    "rd_kafka_error_new_fatal": (0, 1),
    "rd_kafka_error_new_retriable": (0, 1),
    "rd_kafka_error_new_txn_requires_abort": (0, 1),
}
_CONVERSION = re.compile(r"%[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|z|j|t)?[diouxXeEfgGcspn]")


def _arguments(text: str, start: int) -> list[str]:
    """The top-level comma-separated arguments of the call whose "(" is at `start` (strings and nesting respected)."""
    depth, i, current, out = 0, start, [], []
    while i < len(text):
        c = text[i]
        if c == '"':
            j = i + 1
            while j < len(text) and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            current.append(text[i : j + 1])
            i = j + 1
            continue
        if c in "([{":
            depth += 1
            if depth == 1:
                i += 1
                continue
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                out.append("".join(current).strip())
                return out
        elif c == "," and depth == 1:
            out.append("".join(current).strip())
            current = []
            i += 1
            continue
        current.append(c)
        i += 1
    return out


def _format(argument: str) -> str:
    """A C format argument (adjacent literals, `PRId32`-style macros between them) as a text with `{}`."""
    if not argument.startswith('"'):
        return ""
    pieces = re.findall(r'"((?:[^"\\]|\\.)*)"|(PRI[diuxX](?:8|16|32|64|PTR|MAX))', argument)
    text = "".join(literal if literal else "d" for literal, _macro in pieces)  # "%" PRId32 -> "%d"
    text = re.sub(r"\\(.)", lambda m: {"n": " ", "t": " "}.get(m.group(1), m.group(1)), text)
    return " ".join(_CONVERSION.sub("{}", text.replace("%%", "\x00")).replace("\x00", "%").split())


def _log_texts(tree: Path) -> list[HistoryRow]:
    rows = set()
    calls = re.compile(r"\b(" + "|".join(_CALLS) + r")\s*\(")
    for path in sorted((tree / "src").glob("*.c")):
        text = _strip_comments(path.read_text(encoding="utf-8", errors="replace"))
        for match in calls.finditer(text):
            args = _arguments(text, match.end() - 1)
            index, fmt = _CALLS[match.group(1)]
            if len(args) <= fmt:
                continue
            # a literal local code names the error; a variable one (`err`) may be any: "(any)"
            literal = re.fullmatch(PREFIX + r"_[A-Z_]+", args[index])
            printed = _format(args[fmt])
            if len(printed.replace("{}", "").split()) >= 2:  # a sentence, not "%s"
                rows.add((args[index][len(PREFIX) :] if literal else "(any)", printed))
    return [HistoryRow(name, text, "") for name, text in sorted(rows)]


def extract(tree: Path, release: str) -> Extract:
    enum = _enum(tree)
    descs = _descs(tree)
    bindings: dict[str, list[str]] = {}
    for name, variable in BINDINGS:
        path = _binding_tree(tree, release, name, variable)
        if path is None:
            continue
        if name == "confluent-kafka-python":
            names = _python_names(path, tree)
        elif name == "confluent-kafka-go":
            names = _go_names(path)
        else:
            by_number = _dotnet_names(path)
            names = {full: by_number[number] for full, (number, _) in enum.items() if number in by_number}
        for full, binding_name in names.items():
            bindings.setdefault(full, []).append(f"{name}={binding_name}")
    begin, end = enum[PREFIX + "_BEGIN"][0], enum[PREFIX + "_END"][0]
    errors = [
        ErrorRow(
            name=full[len(PREFIX) :],
            kind="local",
            text=descs.get(full, ""),
            number=str(number),
            bindings=tuple(bindings.get(full, ())),
            location=f"src/rdkafka.h:{line}",
        )
        for full, (number, line) in enum.items()
        if begin < number < end
    ]
    older = [
        (tag, _texts(path))
        for path, tag in older_trees(
            CLIENT, "LIBRDKAFKA_HISTORY", HISTORY_TAGS, tree, release=release, probe="src/rdkafka.c"
        )
    ]
    local = {e.name for e in errors}
    logged = [
        HistoryRow(row.name, row.text, release)
        for row in _log_texts(tree)
        if (row.name in local or row.name == "(any)") and row.text not in descs.values()
    ]
    return Extract(errors=errors, history=_history(_texts(tree), older) + logged, config=_config(tree))
