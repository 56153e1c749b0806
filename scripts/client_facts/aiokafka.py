"""aiokafka: its own error classes (aiokafka/errors.py and the package's other modules), and the keyword
parameters of AIOKafkaProducer, AIOKafkaConsumer and AIOKafkaAdminClient ``__init__``.

Errors: every exception class defined in aiokafka that is not mapped to a Kafka errno (not ``BrokerResponseError``
or below): ``KafkaError`` and its client-side subclasses, ``ConsumerStoppedError``, ``IllegalOperation``,
``ProducerFenced``, ... Texts, `retriable` and config defaults follow the rules of ``kafka_python.py`` (whose AST
helpers this module uses); a sentinel default (``acks=_missing``, decided at run time) is left empty.

History: ``AIOKAFKA_HISTORY`` = ``<tree>@<tag>`` items separated by ``os.pathsep``; when unset,
``<tree's parent>/aiokafka-<tag>`` for each tag in ``HISTORY_TAGS``. Releases before 0.8 re-exported most of
kafka-python's error classes; only classes aiokafka itself defined are compared.
"""

from __future__ import annotations

from pathlib import Path

from . import Extract, older_trees
from .kafka_python import error_classes, error_rows, history, init_parameters, raise_texts, texts

CLIENT = "aiokafka"
REPOSITORY = "aio-libs/aiokafka"
PACKAGE = "aiokafka"
HISTORY_TAGS = ("v0.7.0", "v0.10.0", "v0.12.0")
CONFIG_CLASSES = (
    ("aiokafka/producer/producer.py", "AIOKafkaProducer", "producer"),
    ("aiokafka/consumer/consumer.py", "AIOKafkaConsumer", "consumer"),
    ("aiokafka/admin/client.py", "AIOKafkaAdminClient", "admin"),
)


def extract(tree: Path, release: str) -> Extract:
    errors_file = f"{PACKAGE}/errors.py"
    errors = error_rows(error_classes(tree, PACKAGE, errors_file))
    older = [
        (tag, texts(path, PACKAGE, errors_file))
        for path, tag in older_trees(CLIENT, "AIOKAFKA_HISTORY", HISTORY_TAGS, tree, release=release, probe=errors_file)
    ]
    config = [
        row
        for path, name, scope in CONFIG_CLASSES
        if (tree / path).is_file()
        for row in init_parameters(tree, PACKAGE, path, name, scope)
    ]
    known = {e.text for e in errors}
    raised = [r for r in raise_texts(tree, PACKAGE, release, {e.name for e in errors}) if r.text not in known]
    return Extract(errors=errors, history=history(errors, older) + raised, config=config)
