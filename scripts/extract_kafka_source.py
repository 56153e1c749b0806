"""Extract the texts Kafka can print and the methods that exist from Kafka's main sources at a release tag.

Writes three facts tables into ``data/facts/`` (see its README for the columns):

- ``kafka-<version>-files.tsv``: every main source file and its number of lines;
- ``kafka-<version>-texts.tsv``: every string Kafka can print (literals and format strings of exception
  constructors, log statements, ``Errors`` messages, tool output), with concatenated or formatted arguments
  turned into ``{}`` placeholders, and where it is written;
- ``kafka-<version>-methods.tsv``: every class and method (Java and Scala), with its first and last line.

The lint reads them to check the Kafka texts quoted in records, the stack frames of examples and the source
locations given as evidence. Run it against a checkout (or an unpacked tree) of Apache Kafka at the release
tag, with the packages of ``scripts/requirements-extract.txt`` installed (tree-sitter grammars; they are not
needed to build the site or run the tests):

    python scripts/extract_kafka_source.py /path/to/kafka-4.1.1 --version 4.1.1 --commit <sha> --out data/facts

To follow a new Kafka release: re-run it on the new tag, update ``KAFKA_VERSION`` in the generator, run
``sha256sum *.tsv > SHA256SUMS`` in ``data/facts`` and say where the tree came from in the commit.
To print a new kind of text: texts are taken from every string expression, so nothing is needed unless the
text is built in a new way (add it to `_java_template` or `_scala_template`).
"""

from __future__ import annotations

import argparse
import codecs
import re
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import tree_sitter_java
import tree_sitter_scala
from tree_sitter import Language, Node, Parser

# Source roots left out, and why: build tooling, benchmarks, examples and test harnesses are never what a user's
# application or broker runs, and they would double the tables.
EXCLUDED_ROOTS = (
    "examples/",
    "generator/",
    "jmh-benchmarks/",
    "test-common/",
    "trogdor/",
    "streams/examples/",
    "streams/quickstart/",
    "streams/upgrade-system-tests",
    "connect/test-plugins/",
    "tests/",
    "docs/",
)

# A kept text has a space and two words of letters outside its placeholders: identifiers, config keys and JSON
# field names are not messages anyone pastes, and leaving them out keeps the table small. The lint applies the
# same test to decide which texts can verify a quote (generator/kafka_source.py).
_WORD = re.compile(r"[A-Za-z]{2,}")
# printf-style conversions become the same placeholder as SLF4J's {}.
_PRINTF = re.compile(r"%(?:\d+\$)?[-#+ 0,(]*\d*(?:\.\d+)?[sdfxXbcoeEgGh]")


def _printf(text: str) -> str:
    """printf conversions become {}; `%n` is a line break and `%%` a percent sign, as printf prints them."""
    return _PRINTF.sub(PH, text).replace("%n", "\n").replace("%%", "%")


_DOC_NAME = re.compile(r"(?:_DOC|Doc|_DOCS|DOCUMENTATION|_HELP|Help)$")
PH = "{}"

JAVA = Language(tree_sitter_java.language())
SCALA = Language(tree_sitter_scala.language())


@dataclass(frozen=True)
class Method:
    path: str
    owner: str  # Outer.Inner (Scala objects end with $)
    name: str  # a method name, <init> for constructors, <class> for a class's own range
    first: int
    last: int


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    root: Path = args.tree
    files = sorted(_main_sources(root))
    if not files:
        print(f"{root}: no */src/main/**/*.java or *.scala files; is this a Kafka source tree?", file=sys.stderr)
        return 2
    texts: dict[str, list[str]] = {}
    methods: list[Method] = []
    lines: dict[str, int] = {}
    for path in _other_files(root):
        lines[path.relative_to(root).as_posix()] = _line_count(path.read_bytes())
    for path in files:
        rel = path.relative_to(root).as_posix()
        source = path.read_bytes()
        lines[rel] = _line_count(source)
        java = rel.endswith(".java")
        tree = (_JAVA_PARSER if java else _SCALA_PARSER).parse(source)
        for text, line in (_java_texts if java else _scala_texts)(tree.root_node):
            texts.setdefault(text, []).append(f"{rel}:{line}")
        methods.extend((_java_methods if java else _scala_methods)(rel, tree.root_node))
    _write(args, lines, texts, methods)
    print(
        f"Apache Kafka {args.version} (commit {args.commit}): {len(lines)} files, {len(texts)} texts, {len(methods)} classes and methods"
    )
    return 0


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("tree", type=Path, help="Kafka source tree at the release tag")
    parser.add_argument("--version", required=True, help="the release, e.g. 4.1.1")
    parser.add_argument("--commit", required=True, help="the commit of the release tag")
    parser.add_argument("--out", type=Path, default=Path("data/facts"))
    return parser.parse_args(argv)


def _main_sources(root: Path) -> Iterator[Path]:
    for pattern in ("**/src/main/**/*.java", "**/src/main/**/*.scala"):
        for path in root.glob(pattern):
            rel = path.relative_to(root).as_posix()
            if not rel.startswith(EXCLUDED_ROOTS):
                yield path


def _other_files(root: Path) -> Iterator[Path]:
    """Evidence may also point at configuration, scripts, the protocol's JSON messages and the HTML docs."""
    for pattern in ("**/src/main/**/*", "config/**/*", "bin/**/*", "docs/**/*.html", "gradle/*.gradle", "*.gradle"):
        for path in root.glob(pattern):
            rel = path.relative_to(root).as_posix()
            excluded = rel.startswith(EXCLUDED_ROOTS) and not rel.startswith("docs/")
            if path.is_file() and not excluded and path.suffix not in (".java", ".scala"):
                yield path


def _line_count(source: bytes) -> int:
    return source.count(b"\n") + (0 if source.endswith(b"\n") or not source else 1)


_JAVA_PARSER = Parser(JAVA)
_SCALA_PARSER = Parser(SCALA)


# -- texts ---------------------------------------------------------------------------------------------------


def _java_texts(root: Node) -> Iterator[tuple[str, int]]:
    yield from _builder_texts(root)
    for node in _walk(root):
        if node.type in ("string_literal", "binary_expression") and _is_outermost_string(node):
            if _in_doc_constant(node):
                continue
            for template in _java_variants(node) or []:
                if _is_message(template):
                    yield _clean(template), node.start_point[0] + 1


def _builder_texts(root: Node) -> Iterator[tuple[str, int]]:
    """Texts built with a StringBuilder over several statements: `b.append("Principal = ").append(p); ...`.

    Consecutive statements of one block that append to the same variable are joined; a statement in between
    (an `if`, a helper that appends) becomes a placeholder.
    """
    for block in _walk(root):
        if block.type not in ("block", "constructor_body"):
            continue
        target, parts, line = "", [], 0  # parts: the forms of each piece, in order
        for statement in block.named_children:
            chain = _append_chain(statement)
            if chain is not None and (not target or chain[0] == target):
                if not target:
                    target, line = chain[0], statement.start_point[0] + 1
                parts.extend(chain[1])
                continue
            if target and statement.type != "line_comment":
                parts.append([PH])
            if chain is not None:  # appends to another builder: start over
                yield from _builder_text(parts, line)
                target, parts, line = chain[0], list(chain[1]), statement.start_point[0] + 1
        yield from _builder_text(parts, line)


def _builder_text(parts: list[list[str]], line: int) -> Iterator[tuple[str, int]]:
    texts = [""]
    for forms in parts:
        texts = _forms([_join(text, form) for text in texts for form in forms])
    for joined in texts:
        text = joined.rstrip("{}") if joined.endswith(PH + PH) else joined
        if any(forms != [PH] for forms in parts) and _is_message(text):
            yield _clean(text), line


def _append_chain(statement: Node) -> tuple[str, list[list[str]]] | None:
    """`b.append(x).append(y);` → ("b", [forms of x, forms of y]); None for any other statement."""
    if statement.type != "expression_statement" or statement.named_child_count != 1:
        return None
    node = statement.named_children[0]
    parts: list[list[str]] = []
    while node.type == "method_invocation":
        name = node.child_by_field_name("name")
        if name is None or name.text != b"append":
            return None
        args = node.child_by_field_name("arguments")
        arg = args.named_children[0] if args is not None and args.named_child_count == 1 else None
        parts.insert(0, (_java_variants(arg) if arg is not None else None) or [PH])
        obj = node.child_by_field_name("object")
        if obj is None:
            return None
        node = obj
    if node.type != "identifier" or not node.text:
        return None
    return node.text.decode(), parts


def _is_outermost_string(node: Node) -> bool:
    return _outermost(node, "binary_expression", _is_concat)


def _outermost(node: Node, concat_type: str, is_concat: Callable[[Node], bool]) -> bool:
    """A string expression that is not an operand of a larger concatenation (through parentheses)."""
    if node.type == concat_type and not is_concat(node):
        return False
    parent = node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        parent = parent.parent
    return not (parent is not None and parent.type == concat_type and is_concat(parent))


def _is_concat(node: Node) -> bool:
    """A `+` expression with a string literal among its operands (through parentheses and nested `+`)."""
    operator = node.child_by_field_name("operator")
    if operator is None or operator.type != "+":
        return False
    return any(_has_string_operand(node.child_by_field_name(side)) for side in ("left", "right"))


def _has_string_operand(node: Node | None) -> bool:
    if node is None:
        return False
    if node.type == "string_literal":
        return True
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _has_string_operand(node.named_children[0])
    if node.type == "ternary_expression":
        return any(_has_string_operand(node.child_by_field_name(f)) for f in ("consequence", "alternative"))
    return node.type == "binary_expression" and _is_concat(node)


_MAX_VARIANTS = 8  # a text with several `cond ? "a" : "b"` choices: the table keeps at most this many forms


def _java_template(node: Node) -> str | None:
    """The first form of a string expression (for callers that need one text)."""
    variants = _java_variants(node)
    return variants[0] if variants else None


def _java_variants(node: Node) -> list[str] | None:
    """Every text a string expression can print, or None when it is not built from string literals.

    A ternary prints one of its branches (`(message == null ? "" : ": " + message)` prints nothing or `: ...`;
    `allowed ? "Allowed" : "Denied"` one of two words), so each branch gives a form of the text.
    """
    if node.type == "string_literal":
        return [_printf(_java_literal(node))]
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _java_variants(node.named_children[0])
    if node.type == "ternary_expression":
        branches = [_java_variants(node.child_by_field_name(f)) for f in ("consequence", "alternative")]
        if branches[0] is None and branches[1] is None:
            return None
        return _forms([*(branches[0] or [PH]), *(branches[1] or [PH])])
    if node.type == "binary_expression" and _is_concat(node):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return None
        lefts, rights = _java_variants(left) or [PH], _java_variants(right) or [PH]
        return _forms([_join(a, b) for a in lefts for b in rights])
    return None


def _forms(texts: list[str]) -> list[str]:
    return list(dict.fromkeys(texts))[:_MAX_VARIANTS]


def _java_literal(node: Node) -> str:
    raw = node.text.decode("utf-8", "replace") if node.text else ""
    if raw.startswith('"""'):
        body = raw[3:-3]
        return _unescape(" ".join(line.strip() for line in body.strip().splitlines()))
    return _unescape(raw[1:-1])


def _in_doc_constant(node: Node) -> bool:
    """Configuration documentation (`FOO_DOC = "..."`) is shown by tools, not printed as an error."""
    parent = node.parent
    while parent is not None and parent.type in ("binary_expression", "parenthesized_expression"):
        parent = parent.parent
    if parent is not None and parent.type == "variable_declarator":
        name = parent.child_by_field_name("name")
        return bool(name and name.text and _DOC_NAME.search(name.text.decode()))
    return False


def _scala_texts(root: Node) -> Iterator[tuple[str, int]]:
    for node in _walk(root):
        if node.type in ("string", "interpolated_string_expression", "infix_expression") and _scala_outermost(node):
            template = _scala_template(node)
            if template is not None and _is_message(template):
                yield _clean(template), node.start_point[0] + 1


def _scala_outermost(node: Node) -> bool:
    if node.type == "string" and node.parent is not None and node.parent.type == "interpolated_string_expression":
        return False
    return _outermost(node, "infix_expression", _scala_concat)


def _scala_concat(node: Node) -> bool:
    """A `+` expression with a string among its operands (through parentheses and nested `+`)."""
    operator = node.child_by_field_name("operator")
    if operator is None or operator.text != b"+":
        return False
    return any(_scala_string_operand(node.child_by_field_name(side)) for side in ("left", "right"))


def _scala_string_operand(node: Node | None) -> bool:
    if node is None:
        return False
    if node.type in ("string", "interpolated_string_expression"):
        return True
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _scala_string_operand(node.named_children[0])
    return node.type == "infix_expression" and _scala_concat(node)


def _scala_template(node: Node) -> str | None:
    if node.type == "string":
        return _printf(_scala_string(node))
    if node.type == "interpolated_string_expression":
        string = next((c for c in node.children if c.type == "interpolated_string"), None)
        return _printf(_scala_interpolated(string)) if string is not None else None
    if node.type == "parenthesized_expression" and node.named_child_count == 1:
        return _scala_template(node.named_children[0])
    if node.type == "infix_expression" and _scala_concat(node):
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return None
        return _join(_scala_template(left) or PH, _scala_template(right) or PH)
    return None


def _scala_string(node: Node) -> str:
    raw = node.text.decode("utf-8", "replace") if node.text else ""
    if raw.startswith('"""'):
        return " ".join(line.strip().lstrip("|") for line in raw[3:-3].strip().splitlines())
    return _unescape(raw[1:-1])


def _scala_interpolated(node: Node) -> str:
    """`s"a $b ${c.d} e"` → `a {} {} e`: the text between interpolations, with a placeholder for each."""
    raw = node.text.decode("utf-8", "replace") if node.text else ""
    body = raw[3:-3] if raw.startswith('"""') else raw[1:-1]
    out, pos = [], 0
    for child in node.named_children:
        if child.type == "interpolation":
            start, end = child.start_byte - node.start_byte, child.end_byte - node.start_byte
            offset = 3 if raw.startswith('"""') else 1
            out.append(body[pos : start - offset])
            out.append(PH)
            pos = end - offset
    out.append(body[pos:])
    text = "".join(out).replace("$$", "$")
    return _unescape(text) if not raw.startswith('"""') else text


def _is_message(template: str) -> bool:
    """Two words and a space; or one word beside a placeholder, which can only join other texts (`{} Call: {}`)."""
    literal = template.replace(PH, "\0")
    words = len(_WORD.findall(literal))
    return " " in literal and (words >= 2 or (words == 1 and PH in template))


def _join(left: str, right: str) -> str:
    # Two adjacent placeholders say no more than one.
    if left.endswith(PH) and right.startswith(PH):
        return left + right[len(PH) :]
    return left + right


def _unescape(text: str) -> str:
    if "\\" not in text:
        return text
    try:
        return codecs.decode(text.encode("latin-1", "backslashreplace"), "unicode_escape")
    except (UnicodeDecodeError, UnicodeEncodeError):
        return text


def _clean(text: str) -> str:
    """One line per text: newlines and tabs are written as the two characters \\n and \\t."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "")


# -- methods -------------------------------------------------------------------------------------------------

_JAVA_TYPES = {
    "class_declaration",
    "interface_declaration",
    "enum_declaration",
    "record_declaration",
    "annotation_type_declaration",
}


def _java_methods(path: str, root: Node) -> Iterator[Method]:
    def visit(node: Node, owner: str) -> Iterator[Method]:
        for child in node.named_children:
            kind = child.type
            if kind in _JAVA_TYPES:
                name = _name(child)
                inner = f"{owner}.{name}" if owner else name
                yield Method(path, inner, "<class>", *_lines(child))
                yield from visit(child, inner)
                continue
            if kind in ("method_declaration", "constructor_declaration", "compact_constructor_declaration"):
                name = "<init>" if kind != "method_declaration" else _name(child)
                yield Method(path, owner, name, *_lines(child))
            elif kind == "static_initializer":
                yield Method(path, owner, "<clinit>", *_lines(child))
            yield from visit(child, owner)

    yield from visit(root, "")


_SCALA_TYPES = {"class_definition": "", "trait_definition": "", "object_definition": "$"}


def _scala_methods(path: str, root: Node) -> Iterator[Method]:
    def visit(node: Node, owner: str) -> Iterator[Method]:
        for child in node.named_children:
            kind = child.type
            if kind in _SCALA_TYPES:
                name = _name(child) + _SCALA_TYPES[kind]
                inner = f"{owner}.{name}" if owner else name
                yield Method(path, inner, "<class>", *_lines(child))
                yield from visit(child, inner)
                continue
            if kind == "function_definition":
                yield Method(path, owner, _name(child), *_lines(child))
            yield from visit(child, owner)

    yield from visit(root, "")


def _name(node: Node) -> str:
    name = node.child_by_field_name("name")
    return name.text.decode() if name is not None and name.text else "?"


def _lines(node: Node) -> tuple[int, int]:
    return node.start_point[0] + 1, node.end_point[0] + 1


def _walk(node: Node) -> Iterator[Node]:
    stack = [node]
    while stack:
        current = stack.pop()
        yield current
        stack.extend(reversed(current.children))


# -- output --------------------------------------------------------------------------------------------------


def _write(args: argparse.Namespace, lines: dict[str, int], texts: dict[str, list[str]], methods: list[Method]) -> None:
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    # Provenance (version, commit, this script) is in data/facts/README.md, like the other tables': the files
    # stay plain TSV with a header row.
    head = ""
    with (out / f"kafka-{args.version}-files.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write(head + "path\tlines\n")
        for path in sorted(lines):
            f.write(f"{path}\t{lines[path]}\n")
    with (out / f"kafka-{args.version}-texts.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write(head + "text\tlocations\n")
        for text in sorted(texts):
            # Three places are enough to check a text; the rest would only grow the table.
            f.write(f"{text}\t{' '.join(sorted(set(texts[text]))[:3])}\n")
    with (out / f"kafka-{args.version}-methods.tsv").open("w", encoding="utf-8", newline="\n") as f:
        f.write(head + "path\towner\tmethod\tfirst\tlast\n")
        previous = ""
        for m in sorted(set(methods), key=lambda m: (m.path, m.first, m.owner, m.name)):
            # The path is written once per file (an empty cell repeats it): the table is a third of the size.
            f.write(f"{'' if m.path == previous else m.path}\t{m.owner}\t{m.name}\t{m.first}\t{m.last}\n")
            previous = m.path


if __name__ == "__main__":
    sys.exit(main())
