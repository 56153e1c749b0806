"""``explain``: read logs or stack traces and name the Kafka errors in them, root cause first.

Every name of the JSON export (class names, fully qualified names, protocol enum names current and former,
client-library names and printed texts, exception messages) goes into one Aho-Corasick automaton over
bytes, so the input is scanned once at C speed in fixed-size chunks (memory stays flat whatever the file
size) and Python only looks at the lines that matched. Lines with an error-code phrase ("error code 45",
"[Error 45]") are parsed for the number.

Ranking: in a stack trace, the deepest cause (the last ``Caused by:``, or the innermost of several names on
one line) comes first; generic wrappers (`KafkaException`, `StreamsException`, ...) come after the errors
they wrap; errors named outright come before errors only suggested by a fragment of a message template;
then errors seen on more distinct lines, by more distinct names; then a current entry before a class
Kafka 4.0 removed; then the earliest. Identical lines (ignoring the timestamp) count once. The site's
Explain page ranks the same way in the browser (`web.py` writes its index; explain-core.js is the port).

To recognise a new kind of text: add its names to the catalog (a record's ``messages`` or ``client_names``),
not here; add a pattern here only for phrases that carry a code number.
"""

from .matcher import WRAPPERS, Matcher, Target
from .output import as_json, format_text, iter_inputs
from .scan import Evidence, Explainer, Finding, explain_streams

__all__ = [
    "WRAPPERS",
    "Evidence",
    "Explainer",
    "Finding",
    "Matcher",
    "Target",
    "as_json",
    "explain_streams",
    "format_text",
    "iter_inputs",
]
