"""Benchmarks for `make bench` (never part of `make test`): build scaling and `explain` throughput.

`python -m benchmarks` runs everything and prints the tables; `python -m benchmarks build 400 2000` or
`python -m benchmarks explain --size-mb 1024` run one part. See each module's docstring for what it measures.
"""
