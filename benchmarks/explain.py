"""`explain` throughput on a generated log of at least 1 GB, beside `grep -F -f` over the same names.

The log mixes ordinary client and broker lines with 0.5% lines that name an error (WARN lines from the
producer, stack traces with Caused-by chains, librdkafka and sarama texts). Both tools read the same
file from the page cache (it is read once first); `grep -c` counts matching lines, so it must scan the
whole file like `explain` does. The ratio explain/grep is the figure to keep within 2x.

To change the mix: edit `_LINES` and `_ERRORS`.
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

_LINES = [
    b"2026-11-20 12:00:00,100 INFO [Producer clientId=producer-1] Cluster ID: 4L6g3nShT-eMCtK--X86sw (org.apache.kafka.clients.Metadata)",
    b"2026-11-20 12:00:01,124 DEBUG [Consumer clientId=consumer-g-1, groupId=g] Fetch READ_UNCOMMITTED at offset 1234 for partition orders-3 returned fetch data (org.apache.kafka.clients.consumer.internals.AbstractFetch)",
    b"[2026-11-20 12:00:02,000] INFO [GroupCoordinator 1]: Stabilized group g generation 5 (__consumer_offsets-12) with 3 members (kafka.coordinator.group.GroupCoordinator)",
    b"\tat com.example.billing.InvoiceService.process(InvoiceService.java:88)",
    b"2026-11-20 12:00:03,555 INFO c.e.Worker - processed 5000 records in 120 ms, lag=12",
    b'{"level":"info","ts":1732100000.1,"msg":"committed offsets","group":"orders","partitions":12}',
]
_ERRORS = [
    b"2026-11-20 12:00:07,210 WARN [Producer clientId=producer-1] Got error produce response with correlation id 8812 on topic-partition orders-3, retrying (2147483646 attempts left). Error: NOT_LEADER_OR_FOLLOWER (org.apache.kafka.clients.producer.internals.Sender)",
    b"Caused by: org.apache.kafka.common.errors.RecordTooLargeException: The message is 2097240 bytes when serialized which is larger than 1048576, which is the value of the max.request.size configuration.",
    b'Delivery failed: KafkaError{code=_MSG_TIMED_OUT,val=-192,str="Local: Message timed out"}',
    b"kafka: Failed to produce message to topic orders: kafka server: Message was too large, server rejected it to avoid allocation error",
]


def make_log(path: Path, size: int, seed: int = 7) -> int:
    rng = random.Random(seed)
    written = 0
    with path.open("wb") as out:
        while written < size:
            block = (
                b"\n".join(rng.choice(_ERRORS) if rng.random() < 0.005 else rng.choice(_LINES) for _ in range(20000))
                + b"\n"
            )
            out.write(block)
            written += len(block)
    return written


def run(size_mb: int = 1024) -> float:
    from generator.explain import Matcher
    from generator.paths import Project
    from generator.pipeline import load_catalog

    loaded = load_catalog(Project(REPO))
    assert loaded.catalog is not None
    names = Matcher(loaded.catalog, "").recognised_names()
    with tempfile.TemporaryDirectory(prefix="kei-explain-") as tmp:
        log = Path(tmp) / "big.log"
        size = make_log(log, size_mb << 20)
        patterns = Path(tmp) / "names.txt"
        patterns.write_text("\n".join(names) + "\n", encoding="utf-8")
        subprocess.run(["cat", str(log)], stdout=subprocess.DEVNULL, check=True)  # warm the page cache
        start = time.perf_counter()
        explain = subprocess.run(
            [sys.executable, "-m", "generator", "explain", "--json", str(log)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        explain_s = time.perf_counter() - start
        explain_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # cat and explain so far
        start = time.perf_counter()
        grep = subprocess.run(
            ["grep", "-c", "-F", "-f", str(patterns), str(log)], capture_output=True, text=True, check=False
        )
        grep_s = time.perf_counter() - start
    ratio = explain_s / grep_s
    named = len(json.loads(explain.stdout)["matches"])
    print(
        f"explain on {size / 2**30:.2f} GiB ({len(names)} names): explain {explain_s:.1f} s "
        f"({size / 2**20 / explain_s:.0f} MiB/s, peak {explain_mb:.0f} MB), grep -F -f {grep_s:.1f} s ({grep.stdout.strip()} lines matched); "
        f"ratio {ratio:.2f}x (target <= 2x); {named} errors named"
    )
    return ratio


if __name__ == "__main__":
    run(int(sys.argv[1]) if len(sys.argv) > 1 else 1024)
