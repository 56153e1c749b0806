"""The releases the facts describe: the one place the Kafka version is written.

Everything that names a Kafka release (file names of the facts tables, rule messages, page texts, the JSON
export, source links) reads it from here; `data/facts/README.md` gives the provenance in words, and
`tests/test_facts.py` checks that the README and the tables agree with these constants.

To move the catalog to a new Kafka release: extract its tables (`make extract`), then change the constants.
"""

from __future__ import annotations

KAFKA_VERSION = "4.1.1"
KAFKA_COMMIT = "be816b82d25370ceac697ccf7c88cea873e9b4e3"  # the release tag's commit, as the README says
# The last release before 4.0 removed ZooKeeper: retired records (classes 4.x no longer has) are checked against it.
PREVIOUS_KAFKA_VERSION = "3.9.1"
