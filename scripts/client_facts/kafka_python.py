"""kafka-python: its own error classes (kafka/errors.py and the package's other modules), and the settings of
KafkaProducer, KafkaConsumer and KafkaAdminClient (their ``DEFAULT_CONFIG`` dicts).

Errors: every exception class that has no ``errno``, i.e. that is not a ``BrokerResponseError`` (that class and
its subclasses, ``AuthorizationError`` included, stand for protocol codes and are left out). Classes defined in
other modules are found by their bases (``class RecordTooLargeError(Errors.KafkaError)`` in
kafka/consumer/fetcher.py). `text` is the message the class supplies when raised without arguments (its
``__init__`` default, as ``str()`` prints it after ``ClassName: ``) or else its ``message``/``description``
attribute; run-time parts are ``{}``, runs of white space are folded to one space. `retriable` is the class
attribute as inherited (Python MRO).

History: the same table from older release trees: ``KAFKA_PYTHON_HISTORY`` = ``<tree>@<tag>`` items separated by
``os.pathsep``; when unset, ``<tree's parent>/kafka-python-<tag>`` for each tag in ``HISTORY_TAGS`` (missing trees
are reported on stderr and skipped).

Config defaults: literals as Python prints them without quotes (``localhost``, ``None``, ``True``), constant
arithmetic computed (``9 * 60 * 1000`` -> ``540000``), names resolved through module assignments and imports
(``'kafka-python-' + __version__`` -> ``kafka-python-3.0.11``), ``float('inf')`` -> ``inf``; anything else is the
source expression (``DefaultPartitioner()``).

The AST helpers here are shared with the aiokafka module.
"""

from __future__ import annotations

import ast
import dataclasses
import math
import operator
import re
from dataclasses import dataclass
from pathlib import Path

from . import ConfigRow, ErrorRow, Extract, HistoryRow, older_trees, version_key

CLIENT = "kafka-python"
REPOSITORY = "dpkp/kafka-python"
PACKAGE = "kafka"
HISTORY_TAGS = ("1.4.7", "2.0.2", "2.2.15")
CONFIG_CLASSES = (
    ("kafka/producer/kafka.py", "KafkaProducer", "producer"),
    ("kafka/consumer/group.py", "KafkaConsumer", "consumer"),
    ("kafka/admin/client.py", "KafkaAdminClient", "admin"),
)


# ---------------------------------------------------------------------------------------------------------------
# Shared helpers (also used by aiokafka.py)


@dataclass
class ErrorClass:
    name: str
    bases: list[str]  # names of bases known in the errors module ("" for others, e.g. Exception)
    external_bases: list[str]
    body: list[ast.stmt]
    location: str


def parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _error_aliases(module: ast.Module, errors_module: str) -> tuple[set[str], dict[str, str]]:
    """Names under which a module refers to the errors module, and names it imported from it (local -> name)."""
    package, _, leaf = errors_module.rpartition(".")
    modules: set[str] = set()
    names: dict[str, str] = {}
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name == errors_module and alias.asname:
                    modules.add(alias.asname)
        elif isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if node.module == package and alias.name == leaf:
                    modules.add(alias.asname or alias.name)
                elif node.module == errors_module:
                    names[alias.asname or alias.name] = alias.name
    return modules, names


def error_classes(tree: Path, package: str, errors_file: str) -> dict[str, ErrorClass]:
    """Classes of the errors module, plus classes elsewhere in the package whose bases come from it."""
    errors_path = tree / errors_file
    errors_module = errors_file[: -len(".py")].replace("/", ".")
    table: dict[str, ErrorClass] = {}
    module = parse(errors_path)
    for node in module.body:
        if isinstance(node, ast.ClassDef):
            bases = [b.id if isinstance(b, ast.Name) else ast.unparse(b) for b in node.bases]
            table[node.name] = ErrorClass(node.name, [], bases, node.body, f"{errors_file}:{node.lineno}")
    for info in table.values():
        info.bases = [b for b in info.external_bases if b in table]
        info.external_bases = [b for b in info.external_bases if b not in table]
    for path in sorted((tree / package).rglob("*.py")):
        rel = path.relative_to(tree).as_posix()
        if rel == errors_file or "/vendor/" in rel or "/tests/" in rel:
            continue
        try:
            other = parse(path)
        except SyntaxError:
            continue
        modules, names = _error_aliases(other, errors_module)
        for cls_node in ast.walk(other):
            if not isinstance(cls_node, ast.ClassDef):
                continue
            bases = [b for b in _error_bases(cls_node, modules, names) if b in table]
            if bases and cls_node.name not in table:
                table[cls_node.name] = ErrorClass(cls_node.name, bases, [], cls_node.body, f"{rel}:{cls_node.lineno}")
    return table


def _error_bases(node: ast.ClassDef, modules: set[str], names: dict[str, str]) -> list[str]:
    """The bases of a class outside the errors module that come from it (`errors.KafkaError`, or imported)."""
    bases = []
    for b in node.bases:
        if isinstance(b, ast.Attribute) and isinstance(b.value, ast.Name) and b.value.id in modules:
            bases.append(b.attr)
        elif isinstance(b, ast.Name) and b.id in names:
            bases.append(names[b.id])
    return bases


def mro(name: str, table: dict[str, ErrorClass]) -> list[str]:
    """C3 linearisation over the classes in the table."""

    def merge(seqs: list[list[str]]) -> list[str]:
        out: list[str] = []
        seqs = [s[:] for s in seqs if s]
        while seqs:
            for seq in seqs:
                head = seq[0]
                if not any(head in s[1:] for s in seqs):
                    break
            else:  # inconsistent hierarchy: fall back to depth-first order
                head = seqs[0][0]
            out.append(head)
            seqs = [[x for x in s if x != head] for s in seqs]
            seqs = [s for s in seqs if s]
        return out

    bases = table[name].bases
    return [name, *merge([*(mro(b, table) for b in bases), list(bases)])]


def class_attr(name: str, attr: str, table: dict[str, ErrorClass]) -> ast.expr | None:
    for cls in mro(name, table):
        for stmt in table[cls].body:
            if isinstance(stmt, ast.Assign) and any(isinstance(t, ast.Name) and t.id == attr for t in stmt.targets):
                return stmt.value
            if isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == attr:
                return stmt.value  # None for a bare annotation: declared, not set
    return None


def _printf_fields(text: str) -> str:
    text = re.sub(r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]", "{}", text)
    return text.replace("%%", "%")


def render(node: ast.expr | None) -> str:
    """The text an expression evaluates to, with run-time parts written as {}."""
    if node is None:
        return ""
    if isinstance(node, ast.Constant):
        return node.value if isinstance(node.value, str) else "{}"
    if isinstance(node, ast.JoinedStr):
        return "".join(str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return render(node.left) + render(node.right)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) and _is_text(node.left):
        return _printf_fields(render(node.left))
    if (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "format"
        and _is_text(node.func.value)
    ):
        return re.sub(r"\{[^{}]*\}", "{}", render(node.func.value))
    return "{}"


def _is_text(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _first_message(arg: ast.expr, function: ast.FunctionDef) -> ast.expr | None:
    """The message expression an __init__ passes on as its first argument, following *args and named defaults."""
    if isinstance(arg, ast.Starred):
        value = arg.value
        if isinstance(value, ast.BoolOp) and isinstance(value.op, ast.Or):
            for option in value.values[1:]:
                if isinstance(option, (ast.Tuple, ast.List)) and option.elts:
                    return option.elts[0]
            return None
        if isinstance(value, ast.Name):
            for node in ast.walk(function):
                if (
                    isinstance(node, ast.Assign)
                    and any(isinstance(t, ast.Name) and t.id == value.id for t in node.targets)
                    and isinstance(node.value, (ast.Tuple, ast.List))
                    and node.value.elts
                ):
                    return node.value.elts[0]
        return None
    if isinstance(arg, ast.Name):
        args = function.args
        positional = args.posonlyargs + args.args
        defaults = dict(
            zip([a.arg for a in positional[len(positional) - len(args.defaults) :]], args.defaults, strict=True)
        )
        defaults.update({a.arg: d for a, d in zip(args.kwonlyargs, args.kw_defaults, strict=True) if d is not None})
        return defaults.get(arg.id)
    return arg


def _init_message(cls: ErrorClass) -> ast.expr | None:
    for stmt in cls.body:
        if isinstance(stmt, ast.FunctionDef) and stmt.name == "__init__":
            for node in ast.walk(stmt):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "__init__"
                    and node.args
                ):
                    args = node.args
                    if (
                        isinstance(node.func.value, ast.Name)
                        and args
                        and isinstance(args[0], ast.Name)
                        and args[0].id == "self"
                    ):
                        args = args[1:]  # Base.__init__(self, ...)
                    if args:
                        message = _first_message(args[0], stmt)
                        if message is not None and _is_text(message):
                            return message
            return None
    return None


def class_text(name: str, table: dict[str, ErrorClass]) -> str:
    message: ast.expr | None = None
    for cls in mro(name, table):
        message = _init_message(table[cls])
        if message is not None or any(isinstance(s, ast.FunctionDef) and s.name == "__init__" for s in table[cls].body):
            break
    if message is None:
        for attr in ("message", "description"):
            value = class_attr(name, attr, table)
            if value is not None and _is_text(value):
                message = value
                break
    return " ".join(render(message).split())


def class_retriable(name: str, table: dict[str, ErrorClass]) -> str:
    value = class_attr(name, "retriable", table)
    if isinstance(value, ast.Constant) and isinstance(value.value, bool):
        return "true" if value.value else "false"
    return ""


def is_protocol_error(name: str, table: dict[str, ErrorClass]) -> bool:
    """A class standing for a Kafka protocol code: BrokerResponseError or below, or one with a numeric errno."""
    if "BrokerResponseError" in mro(name, table):
        return True
    value = class_attr(name, "errno", table)
    return isinstance(value, (ast.Constant, ast.UnaryOp)) and not (
        isinstance(value, ast.Constant) and value.value is None
    )


def is_exception(name: str, table: dict[str, ErrorClass]) -> bool:
    """Whether the class's ancestry leaves the table through an exception class (Exception, RuntimeError, ...)."""
    return any(
        re.search(r"(Error|Exception|Warning)$", base) for cls in mro(name, table) for base in table[cls].external_bases
    )


def error_rows(table: dict[str, ErrorClass]) -> list[ErrorRow]:
    return [
        ErrorRow(
            name=name,
            kind="local",
            text=class_text(name, table),
            retriable=class_retriable(name, table),
            location=info.location,
        )
        for name, info in table.items()
        if is_exception(name, table) and not is_protocol_error(name, table)
    ]


def history(current: list[ErrorRow], older: list[tuple[str, dict[str, str]]]) -> list[HistoryRow]:
    """One row per run of consecutive compared releases that printed the same non-empty text, unlike the current."""
    rows: list[HistoryRow] = []
    for error in current:
        run: list[str] = []
        run_text: str | None = None
        for tag, texts in [*older, ("", {error.name: error.text})]:
            text = texts.get(error.name) or None
            if text != run_text:
                if run_text is not None and run_text != error.text and run:
                    span = run[0].lstrip("v") + (f"-{run[-1].lstrip('v')}" if len(run) > 1 else "")
                    rows.append(HistoryRow(error.name, run_text, span))
                run, run_text = [], text
            run.append(tag)
    return rows


def texts(tree: Path, package: str, errors_file: str) -> dict[str, str]:
    table = error_classes(tree, package, errors_file)
    return {name: class_text(name, table) for name in table}


class Resolver:
    """Evaluates constant default expressions, following module-level names and package imports."""

    def __init__(self, tree: Path, package: str):
        self.tree = tree
        self.package = package
        self.modules: dict[str, ast.Module | None] = {}

    def _module(self, dotted: str) -> ast.Module | None:
        if dotted not in self.modules:
            base = self.tree / dotted.replace(".", "/")
            path = base.with_suffix(".py") if base.with_suffix(".py").is_file() else base / "__init__.py"
            self.modules[dotted] = parse(path) if path.is_file() else None
        return self.modules[dotted]

    def name(self, dotted: str, name: str, depth: int = 0) -> ast.expr | None:
        module = self._module(dotted)
        if module is None or depth > 8:
            return None
        found: ast.expr | None = None
        for node in module.body:
            if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in node.targets):
                found = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
                found = node.value or found
            elif isinstance(node, ast.ImportFrom):
                for alias in node.names:
                    if (alias.asname or alias.name) == name:
                        source = node.module or ""
                        if node.level:
                            parts = dotted.split(".")
                            is_package = (self.tree / dotted.replace(".", "/") / "__init__.py").is_file()
                            keep = len(parts) - node.level + (1 if is_package else 0)
                            source = ".".join(parts[:keep] + ([source] if source else []))
                        if source.split(".")[0] == self.package:
                            value = self.name(source, alias.name, depth + 1)
                            if value is not None:
                                found = ast.copy_location(_Bound(source, value), value)
        return found

    def value(self, node: ast.expr, module: str, depth: int = 0):
        """The Python value of a constant expression, or raise ValueError."""
        if depth > 8:
            raise ValueError("too deep")
        if isinstance(node, _Bound):
            return self.value(node.expr, node.module, depth + 1)
        if isinstance(node, ast.Constant):
            return node.value
        if isinstance(node, (ast.Tuple, ast.List)):
            values = [self.value(e, module, depth + 1) for e in node.elts]
            return tuple(values) if isinstance(node, ast.Tuple) else values
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            value = self.value(node.operand, module, depth + 1)
            return -value if isinstance(node.op, ast.USub) else value
        ops = {
            ast.Add: operator.add,
            ast.Sub: operator.sub,
            ast.Mult: operator.mul,
            ast.FloorDiv: operator.floordiv,
            ast.Pow: operator.pow,
        }
        if isinstance(node, ast.BinOp) and type(node.op) in ops:
            return ops[type(node.op)](
                self.value(node.left, module, depth + 1), self.value(node.right, module, depth + 1)
            )
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id == "float"
            and len(node.args) == 1
            and not node.keywords
        ):
            return float(self.value(node.args[0], module, depth + 1))
        if isinstance(node, ast.Name):
            target = self.name(module, node.id)
            if target is not None:
                return self.value(target, module, depth + 1)
        raise ValueError(ast.unparse(node))

    def default(self, node: ast.expr | None, module: str) -> str:
        if node is None:
            return ""
        try:
            value = self.value(node, module)
        except (ValueError, TypeError, ArithmeticError):
            target = self.name(module, node.id) if isinstance(node, ast.Name) else None
            if isinstance(target, _Bound):
                target = target.expr
            if isinstance(target, ast.Call) and isinstance(target.func, ast.Name) and target.func.id == "object":
                return ""  # a sentinel (e.g. `_missing = object()`): the real default is decided at run time
            return ast.unparse(target if target is not None else node)
        if isinstance(value, str):
            return value
        if isinstance(value, float) and math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)


class _Bound(ast.expr):
    """An expression together with the module it must be evaluated in."""

    _fields = ()

    def __init__(self, module: str, expr: ast.expr):
        super().__init__()
        self.module = module
        self.expr = expr


def find_class(module: ast.Module, name: str) -> ast.ClassDef:
    for node in ast.walk(module):
        if isinstance(node, ast.ClassDef) and node.name == name:
            return node
    raise ValueError(f"class {name} not found")


def init_parameters(tree: Path, package: str, path: str, class_name: str, scope: str) -> list[ConfigRow]:
    """The keyword parameters of a class's __init__ (not self, *args or **kwargs) with their defaults."""
    cls = find_class(parse(tree / path), class_name)
    init = next(s for s in cls.body if isinstance(s, ast.FunctionDef) and s.name == "__init__")
    args = init.args
    positional = args.posonlyargs + args.args
    defaults: list[ast.expr | None] = [None] * (len(positional) - len(args.defaults)) + list(args.defaults)
    pairs = [*zip(positional, defaults, strict=True), *zip(args.kwonlyargs, args.kw_defaults, strict=True)]
    resolver = Resolver(tree, package)
    module = path[: -len(".py")].replace("/", ".")
    return [ConfigRow(a.arg, scope, resolver.default(d, module)) for a, d in pairs if a.arg != "self"]


# ---------------------------------------------------------------------------------------------------------------


def _default_config(tree: Path, path: str, class_name: str, scope: str) -> list[ConfigRow]:
    cls = find_class(parse(tree / path), class_name)
    for stmt in cls.body:
        if (
            isinstance(stmt, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "DEFAULT_CONFIG" for t in stmt.targets)
            and isinstance(stmt.value, ast.Dict)
        ):
            resolver = Resolver(tree, PACKAGE)
            module = path[: -len(".py")].replace("/", ".")
            return [
                ConfigRow(key.value, scope, resolver.default(value, module))
                for key, value in zip(stmt.value.keys, stmt.value.values, strict=True)
                if isinstance(key, ast.Constant) and isinstance(key.value, str)
            ]
    raise ValueError(f"{path}: {class_name}.DEFAULT_CONFIG dict not found")


def extract(tree: Path, release: str) -> Extract:
    errors_file = f"{PACKAGE}/errors.py"
    errors = error_rows(error_classes(tree, PACKAGE, errors_file))
    older = [
        (tag, texts(path, PACKAGE, errors_file))
        for path, tag in older_trees(
            CLIENT, "KAFKA_PYTHON_HISTORY", HISTORY_TAGS, tree, release=release, probe=errors_file
        )
    ]
    config = [row for path, name, scope in CONFIG_CLASSES for row in _default_config(tree, path, name, scope)]
    raised = [
        r
        for r in raise_texts(tree, PACKAGE, release, {e.name for e in errors})
        if r.text not in {e.text for e in errors}
    ]
    return Extract(
        errors=errors + removed(tree, release, errors), history=history(errors, older) + raised, config=config
    )


def raise_texts(tree: Path, package: str, release: str, names: set[str]) -> list[HistoryRow]:
    """The messages the package raises its own errors with (``raise Errors.KafkaTimeoutError("Failed to update
    metadata after %.1f secs." % ...)``): what ``str()`` prints after the class name. HistoryRows of the current
    release, so a pasted traceback's last line is a text the lint accepts and search finds."""
    rows = set()
    for path in sorted((tree / package).rglob("*.py")):
        for node in ast.walk(parse(path)):
            if not (isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args):
                continue
            func = node.exc.func
            name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
            text = " ".join(render(node.exc.args[0]).split())
            if name in names and _is_text(node.exc.args[0]) and len(text.replace("{}", "").split()) >= 2:
                rows.add((name, text))
    return [HistoryRow(name, text, release) for name, text in sorted(rows)]


def removed(tree: Path, release: str, current: list[ErrorRow]) -> list[ErrorRow]:
    """Errors of the newest 2.x release that 3.0 dropped (NoBrokersAvailable, KafkaUnavailableError, ...): most
    deployed applications still run 2.x, so they keep their rows, with the last release that had them."""
    names = {e.name for e in current}
    older = [
        (path, tag)
        for path, tag in older_trees(
            CLIENT, "KAFKA_PYTHON_HISTORY", HISTORY_TAGS, tree, release=release, probe=f"{PACKAGE}/errors.py"
        )
    ]
    if not older:
        return []
    path, tag = max(older, key=lambda item: version_key(item[1]))
    rows = error_rows(error_classes(path, PACKAGE, f"{PACKAGE}/errors.py"))
    return [dataclasses.replace(row, release=tag) for row in rows if row.name not in names]
