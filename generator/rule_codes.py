"""The registry of coded lint rules: code, name, severity, what each checks and how to fix what it reports.

This is the single list of rules: CONTRIBUTING's rule table, the fixture tests and the ``lint --rules`` listing
are generated from it; `generator.problems` re-exports it with the `Problem` type.

To add a rule: add a `Rule(...)` to `RULES` with a new code in the right hundred, emit it from the loader or a
check in `generator/rules/`, add one fixture under ``tests/fixtures/lint/<CODE>/`` that triggers only that code,
and run ``python -m generator refresh`` to rewrite the rule table.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.Enum):
    """Errors fail the lint and the build; suggestions are printed and never fail anything."""

    ERROR = "error"
    SUGGESTION = "suggestion"


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    description: str
    fix: str


E, S = Severity.ERROR, Severity.SUGGESTION

# Hundreds: 0xx reading the file, 1xx schema, 2xx identity, 3xx facts, 4xx links, 5xx safety, 6xx content,
# 9xx suggestions. Codes are never reused: a retired rule stays listed with "(retired)" in its description.
RULES: tuple[Rule, ...] = (
    Rule(
        "KEI001",
        "yaml-syntax",
        E,
        "The file is not valid YAML.",
        "Fix the YAML at the position shown; indent with spaces, and quote strings that contain ': ' or start with a special character.",
    ),
    Rule(
        "KEI002",
        "duplicate-key",
        E,
        "A mapping has the same key twice.",
        "Keep one of the two keys; YAML would silently drop the first.",
    ),
    Rule("KEI003", "encoding", E, "The file is not UTF-8 text.", "Save the file as UTF-8 without a byte-order mark."),
    Rule(
        "KEI004",
        "yaml-feature",
        E,
        "The file uses a YAML anchor, alias, merge key or tag.",
        "Write the value out in full; records use plain mappings, lists and scalars only.",
    ),
    Rule(
        "KEI005",
        "file-too-large",
        E,
        "The file or its nesting exceeds the limits for a record.",
        "Records stay under 256 KiB and a few levels deep; shorten the text or split the entry.",
    ),
    Rule(
        "KEI006",
        "not-a-file",
        E,
        "A path in data/errors is a symlink, a directory or not a .yaml file.",
        "Keep one regular <fqn>.yaml file per record in data/errors/; copy content instead of linking it.",
    ),
    Rule(
        "KEI101",
        "schema-required",
        E,
        "A required field is missing.",
        "Add the field; see the annotated template in CONTRIBUTING.md for what it holds.",
    ),
    Rule(
        "KEI102",
        "schema-unknown-field",
        E,
        "A field is not part of the record schema.",
        "Remove it or fix its spelling; the schema lists every allowed field.",
    ),
    Rule(
        "KEI103",
        "schema-type",
        E,
        "A value has the wrong type.",
        'Use the type the schema asks for; quote versions such as "4.0" so they stay strings.',
    ),
    Rule(
        "KEI104",
        "schema-value",
        E,
        "A value is not one of the allowed values or does not match the expected format.",
        "Use one of the allowed values listed in the message.",
    ),
    Rule(
        "KEI105",
        "schema-length",
        E,
        "A text or list is too short or too long.",
        "Shorten or extend it to the limit shown; complete entries need at least two causes, two solutions, two related entries.",
    ),
    Rule(
        "KEI201",
        "filename-mismatch",
        E,
        "The file name is not <fqn>.yaml for the record's fqn.",
        "Rename the file to match its fqn, or fix the fqn.",
    ),
    Rule(
        "KEI202",
        "duplicate-id",
        E,
        "Two records claim the same id (fqn or redirect_from).",
        "Keep one record per class; merge the two files and list the old id under redirect_from.",
    ),
    Rule(
        "KEI203",
        "schema-comment",
        E,
        "The first line is not the yaml-language-server schema comment.",
        "Start the file with: # yaml-language-server: $schema=../../schema/record.schema.json (../../../schema/... in data/clients/<client>/).",
    ),
    Rule(
        "KEI204",
        "record-deleted",
        E,
        "A record listed in data/published.txt has no file any more.",
        "Records are never deleted: restore the file and set `retired` with the version, or list the old id under the new record's redirect_from.",
    ),
    Rule(
        "KEI301",
        "unknown-class",
        E,
        "The fqn is not an exception class of Kafka 4.1.1.",
        "Check the package and spelling against data/facts/kafka-4.1.1-exception-classes.tsv, or set `retired` for a removed class.",
    ),
    Rule(
        "KEI302",
        "protocol-mismatch",
        E,
        "The protocol code or name disagrees with Kafka 4.1.1's Errors enum for this class.",
        "Use the code and name shown in the message (from data/facts/kafka-4.1.1-protocol-errors.tsv), or drop `protocol` for classes without a code.",
    ),
    Rule(
        "KEI303",
        "retriable-mismatch",
        E,
        "`retriable` disagrees with whether the class extends RetriableException in Kafka 4.1.1.",
        "Set `retriable` to the value shown; describe client libraries that disagree in client_notes.",
    ),
    Rule(
        "KEI304",
        "unknown-config-key",
        E,
        "A config key does not exist in Kafka 4.1.1 for the scope named.",
        "Check the key and its scope in data/facts/kafka-4.1.1-config-keys.tsv; the message suggests the scopes where the key exists.",
    ),
    Rule(
        "KEI305",
        "removed-config-key",
        E,
        "A config key was removed before Kafka 4.1.1 (ZooKeeper-era and other removed settings).",
        "Use the current setting instead, or describe the old key only in `versions`.",
    ),
    Rule(
        "KEI306",
        "unknown-cli",
        E,
        "A diagnostic command uses a Kafka tool or option that Kafka 4.1.1 does not ship.",
        "Use a script from Kafka 4.1 bin/ and its real options (data/facts/kafka-4.1.1-cli-options.tsv).",
    ),
    Rule(
        "KEI307",
        "removed-cli",
        E,
        "A diagnostic command uses a removed tool or option such as --zookeeper.",
        "Kafka 4.x is KRaft-only: use --bootstrap-server and the replacement named in the message.",
    ),
    Rule(
        "KEI308",
        "unknown-client-name",
        E,
        "A client_names entry does not match the client library's real names.",
        "Use the name exactly as in data/facts (librdkafka-local-errors.tsv for librdkafka local codes).",
    ),
    Rule(
        "KEI309",
        "missing-protocol",
        E,
        "Kafka 4.1.1 maps a protocol code to this class but the record has no `protocol`.",
        "Add the `protocol` block with the code and name shown.",
    ),
    Rule(
        "KEI310",
        "unverified-text",
        E,
        "A text shown as printed by Kafka is not printed by Kafka 4.1.1.",
        'Copy the text from Kafka 4.1.1 (data/facts/kafka-4.1.1-texts.tsv) with <placeholders> for what it fills in; a text of a client, a framework or an older Kafka needs an origin: {kafka: "3.9"}, {client: librdkafka, version: "2.16.0"} or {other: "Spring for Apache Kafka"}.',
    ),
    Rule(
        "KEI311",
        "unknown-frame",
        E,
        "A stack frame names a method Kafka 4.1.1 does not have, a line outside that method, or follows an ApiException (which keeps no frames).",
        "Take the frame from the 4.1.1 call path (data/facts/kafka-4.1.1-methods.tsv gives each method's lines), or drop the line number: (KafkaProducer.java).",
    ),
    Rule(
        "KEI312",
        "unknown-source",
        E,
        "An evidence location is not a file, or not a line range, of Kafka 4.1.1's main sources.",
        "Write path:line or path:first-last relative to Kafka's repository root at tag 4.1.1 (data/facts/kafka-4.1.1-files.tsv lists the files and their lengths).",
    ),
    Rule(
        "KEI313",
        "config-constraint",
        E,
        "A solution's settings break a rule Kafka enforces between settings (the client or broker would refuse them).",
        "Change the values so the rule in the message holds, counting Kafka 4.1.1's defaults for the keys the solution leaves alone.",
    ),
    Rule(
        "KEI314",
        "unknown-client-error",
        E,
        "A client record names an error or a binding name the client's source does not define, or a release its facts were not read at.",
        "Use the name exactly as data/facts/clients/errors.tsv lists it for that client (the message suggests the closest), the binding names listed there, and its release as releases.checked.",
    ),
    Rule(
        "KEI315",
        "unverified-client-text",
        E,
        "A text a client record shows as printed by the client is not one that client prints.",
        "Copy the text from data/facts/clients/errors.tsv with <placeholders> where it has {}; a text of an older release is {text, origin: {client, version}} and must be in texts-history.tsv.",
    ),
    Rule(
        "KEI316",
        "unknown-client-setting",
        E,
        "A client record's solution changes a setting the client does not have, or names the wrong scope.",
        "Use the client's own setting name and scope as data/facts/clients/config.tsv lists them (librdkafka message.timeout.ms in global, sarama Producer.Retry.Max in client).",
    ),
    Rule(
        "KEI401",
        "unknown-related",
        E,
        "A `related` entry points to a record or protocol code that does not exist.",
        "Use the fqn of an existing file in data/errors/, or `code:` with a real protocol error code.",
    ),
    Rule(
        "KEI402",
        "self-related",
        E,
        "A record lists itself or the same target twice under `related`.",
        "Remove the duplicate or self reference.",
    ),
    Rule(
        "KEI501",
        "html-in-prose",
        E,
        "Prose contains raw HTML, which is not rendered and could inject markup.",
        "Use Markdown instead; put literal <placeholders> or tags inside `backticks`.",
    ),
    Rule(
        "KEI502",
        "unsafe-link",
        E,
        "A link uses a scheme other than https (javascript:, data:, http: ...).",
        "Link with https:// URLs only.",
    ),
    Rule(
        "KEI601",
        "placeholder-text",
        E,
        "A complete record still contains scaffold placeholder text (TODO).",
        "Write the section, or set `status: draft` until it is done.",
    ),
    Rule(
        "KEI602",
        "example-without-class",
        E,
        "No example of a complete record contains the class's simple name or its protocol error name.",
        "Add the real exception line (`org.apache.kafka.common.errors.<Class>: <message>`) or the client log line that names the error code.",
    ),
    Rule(
        "KEI603",
        "missing-placeholders",
        E,
        "A diagnostic command has names to fill in but no <angle-bracket> placeholders.",
        "Write the parts a reader must replace as <placeholders>, e.g. --group <group-id>.",
    ),
    Rule(
        "KEI604",
        "missing-evidence",
        E,
        "A complete entry does not show where Kafka 4.1.1 does what it says.",
        "Add meaning_sources for 'What it means' and sources to each cause: path:line locations in Kafka 4.1.1 that show the behaviour.",
    ),
    Rule(
        "KEI605",
        "missing-stack-trace",
        E,
        "A complete entry whose error reaches a Java application has no full stack trace.",
        "Add an example with the exception line, its 4.1.1 message and at least three frames of the real call path (and its Caused by chain); if no application ever holds a trace of it, say why in no_stack_trace.",
    ),
    Rule(
        "KEI606",
        "source-hedge",
        E,
        "Prose points at the sources the writer read instead of stating what Kafka 4.1.1 does.",
        "State the behaviour of Kafka 4.1.1 with its versions; if something is uncertain, say what and why, without naming what you read.",
    ),
    Rule(
        "KEI901",
        "draft",
        S,
        "The record is a draft: shown with a banner and not counted as complete.",
        "Finish every section, run the lint, then set `status: complete`.",
    ),
    Rule(
        "KEI902",
        "filler-phrase",
        S,
        "Prose uses a filler phrase that tells the reader nothing.",
        "Say the specific mechanism instead.",
    ),
    Rule(
        "KEI903",
        "unknown-config-mention",
        S,
        "Prose mentions a `dotted.key` that is not a Kafka 4.1.1 config key.",
        "Check the spelling; ignore this if it is not a config key (a metric or file name).",
    ),
    Rule(
        "KEI904",
        "generic-message",
        S,
        "Every literal part of a message template is also in other entries' messages, so it cannot tell them apart.",
        "Quote the part of the message that is specific to this error, or drop the line from `messages` (keep it in an example).",
    ),
    Rule(
        "KEI905",
        "default-value",
        S,
        "A solution sets a key to the value Kafka 4.1.1 already uses by default.",
        "Drop the key from configs (say 'keep the default' in the text if that is the advice), or suggest the value that changes something.",
    ),
)

RULES_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in RULES}
