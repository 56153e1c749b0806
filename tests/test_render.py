"""Rendering: a golden page for one record, safe handling of hostile text, the JSON export's shape."""

from __future__ import annotations

import json
import os

from conftest import BASE_FQN, BASE_RECORD, FIXTURES
from generator.paths import Project
from generator.pipeline import load_catalog
from generator.render import render_site
from generator.render.markdown import code, code_block, html_code, inline, prose
from generator.render.site import site_info

GOLDEN = FIXTURES / "golden"


def _render(project_root):
    project = Project(project_root)
    loaded = load_catalog(project)
    assert loaded.catalog is not None, [p.format() for p in loaded.errors]
    return render_site(loaded.catalog, project.templates, site_info(project.mkdocs_yml))


def test_golden_entry_and_code_pages(make_project) -> None:
    files = _render(make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text()}))
    pages = {
        "entry.md": files[f"errors/{BASE_FQN}.md"],
        "code-44.md": files["codes/44.md"],
        "code-45-undocumented.md": files["codes/45.md"],
    }
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        for name, text in pages.items():
            (GOLDEN / name).write_text(text, encoding="utf-8")
    for name, text in pages.items():
        assert text == (GOLDEN / name).read_text(encoding="utf-8"), f"{name} differs; UPDATE_GOLDEN=1 to accept"


def test_every_code_gets_a_page_and_the_export_has_every_name(make_project) -> None:
    files = _render(make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text()}))
    codes = [p for p in files if p.startswith("codes/") and p != "codes/index.md"]
    assert len(codes) == 134
    assert "codes/0.md" not in files
    export = json.loads(files["api/v1/errors.json"])
    assert export["kafka_version"] == "4.1.1"
    (entry,) = export["errors"]
    assert entry["id"] == entry["fqn"] == BASE_FQN
    assert entry["class"] == "PolicyViolationException"
    assert entry["protocol"] == {"code": 44, "name": "POLICY_VIOLATION"}
    assert entry["url"] == f"errors/{BASE_FQN}/"
    assert entry["status"] == "complete" and entry["component"] == "admin" and entry["retriable"] is False
    assert entry["messages"] == [{"text": "Request parameters do not satisfy the configured policy.", "origin": None}]
    assert entry["meaning_sources"] == [
        "metadata/src/main/java/org/apache/kafka/controller/ReplicationControlManager.java:868-877"
    ]
    assert {
        "POLICY_VIOLATION",
        "RD_KAFKA_RESP_ERR_POLICY_VIOLATION",
        "Broker: Policy violation",
        "sarama.ErrPolicyViolation",
        "PolicyViolationError",
    } <= set(entry["names"])
    by_code = {c["code"]: c for c in export["codes"]}
    assert len(by_code) == 134 and by_code[6]["former_names"] == ["NOT_LEADER_FOR_PARTITION"]
    assert "NOT_LEADER_FOR_PARTITION" in by_code[6]["names"] and by_code[44]["entry"] == BASE_FQN


def test_prose_filter_neutralises_markup() -> None:
    hostile = 'See <script>alert(1)</script> and <img src=x onerror=alert(1)> {: onclick="x" } [a](javascript:alert(1)) `<kept>`'
    out = str(prose(hostile))
    assert "<script" not in out and "<img" not in out and "{:" not in out
    assert "javascript:" not in out
    assert "`<kept>`" in out


def test_code_and_fence_cannot_be_escaped() -> None:
    assert str(code("a`b")) == "``a`b``"
    block = str(code_block("```\n</code></pre><script>\n```", "java"))
    assert block.startswith('<div class="language-java highlight"><pre><span></span><code>')
    assert "<script>" not in block and "&lt;/code&gt;&lt;/pre&gt;&lt;script&gt;" in block
    assert str(inline("a | b\nc")) == "a \\| b c"


def test_html_code_escapes_and_breaks_a_dotted_name_only_after_its_dots() -> None:
    assert str(html_code('a.b<c> "d"')) == "<code>a.b&lt;c&gt; &#34;d&#34;</code>"
    assert str(html_code("org.x_y.Foo<T>", dotted=True)) == "<code>org.<wbr>x_y.<wbr>Foo&lt;T&gt;</code>"


def test_markdown_gives_the_same_html_only_where_templates_use_it() -> None:
    """Why templates keep most of their HTML (issue #10): the site must stay byte-identical. Python-Markdown
    follows a raw HTML block with a blank line and a Markdown block without one; md_in_html and attr_list
    reorder attributes; a Markdown table puts every cell on a line of its own."""
    import re

    import markdown

    from conftest import REPO

    block = (REPO / "mkdocs.yml").read_text(encoding="utf-8").split("\nmarkdown_extensions:\n", 1)[1]
    names = re.findall(r"^  - ([\w.]+)", block.split("\n\n", 1)[0], re.M)  # the site's extensions
    render = lambda text: markdown.markdown(text, extensions=names)  # noqa: E731
    # converted: a paragraph that opens a raw HTML block (the backlinks' titles)
    assert render(
        '**Related**\n{: .kei-backlinks-title }\n\n<ul class="kei-backlinks">\n<li>x</li>\n</ul>\n'
    ) == render(
        '<p class="kei-backlinks-title"><strong>Related</strong></p>\n<ul class="kei-backlinks">\n<li>x</li>\n</ul>\n'
    )
    # kept: a paragraph followed by Markdown (the fqn line, source links, letter bar) loses its blank line
    assert render('<p class="kei-fqn">x</p>\n\ny\n') == '<p class="kei-fqn">x</p>\n\n<p>y</p>'
    assert render("x\n{: .kei-fqn }\n\ny\n") == '<p class="kei-fqn">x</p>\n<p>y</p>'
    # kept: attributes of a box made Markdown inside (md_in_html), of a link (attr_list), cells of a table
    aside = render('<aside class="a" aria-label="b" data-search-exclude markdown>\nx\n</aside>')
    assert aside.startswith('<aside aria-label="b" class="a" data-search-exclude="data-search-exclude">')
    assert render('[x](y){ .kei-badge title="T" }') == '<p><a class="kei-badge" href="y" title="T">x</a></p>'
    assert render("| a |\n|---|\n| b |\n").startswith("<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>")


def test_renamed_record_redirects_and_retired_record_keeps_a_page(make_project) -> None:
    renamed = BASE_RECORD.read_text().replace(
        "related:\n", "redirect_from:\n  - org.apache.kafka.common.errors.PolicyViolatedException\nrelated:\n"
    )
    retired = (
        BASE_RECORD.read_text()
        .replace(BASE_FQN, "org.apache.kafka.common.errors.NotLeaderForPartitionException")
        .replace("protocol:\n  code: 44\n  name: POLICY_VIOLATION\n", "")
        .replace("PolicyViolationException:", "NotLeaderForPartitionException:")
        .replace("  - code: 40\n", "  - code: 6\n")
        .replace("(KafkaFutureImpl.java:155)", "(KafkaFutureImpl.java)")  # checked against 3.9.1, where lines differ
        .replace("retriable: false", "retriable: true")  # as in 3.9.1
        .replace(
            "related:\n",
            'retired:\n  version: "4.0"\n  last_version: "3.9"\n  note: Deprecated since 2.6 (KIP-392).\n'
            "  replaced_by: Brokers send code 6 as `NotLeaderOrFollowerException`.\nrelated:\n",
        )
    )
    files = _render(
        make_project(
            {
                f"{BASE_FQN}.yaml": renamed,
                "org.apache.kafka.common.errors.NotLeaderForPartitionException.yaml": retired,
            }
        )
    )
    redirect = files["errors/org.apache.kafka.common.errors.PolicyViolatedException/index.html"]
    assert f'url=../{BASE_FQN}/"' in redirect and "<script" not in redirect
    page = files["errors/org.apache.kafka.common.errors.NotLeaderForPartitionException.md"]
    assert '!!! danger "Removed in Kafka 4.0: last in Kafka 3.9"' in page
    assert ">Removed in 4.0</span>" in page


def test_write_tree_touches_only_changes_and_removes_stale_files(tmp_path) -> None:
    import os

    from generator.write import write_tree

    root = tmp_path / "docs"
    first = write_tree(root, {"a.md": "one", "sub/b.md": "two", "old/c.md": "gone soon"})
    assert sorted(first.written) == ["a.md", "old/c.md", "sub/b.md"]
    os.utime(root / "a.md", (1, 1))
    second = write_tree(root, {"a.md": "one", "sub/b.md": "changed"})
    assert second.written == ["sub/b.md"] and second.removed == ["old/c.md"] and second.unchanged == 1
    assert (root / "a.md").stat().st_mtime == 1  # untouched: live reload only sees real changes
    assert not (root / "old").exists() and (root / "sub" / "b.md").read_text() == "changed"


def test_search_tags_keep_every_literal_word_of_a_template() -> None:
    # explain needs long distinctive parts; search needs every word a reader may paste (short ones too)
    from generator.messages import literal_parts, searchable_text

    template = "Expiring <n> record(s) for <topic-partition>:<ms> ms has passed since batch creation"
    assert searchable_text(template) == "Expiring … record(s) for …:… ms has passed since batch creation"
    assert "Expiring" not in " ".join(literal_parts(template))
    assert searchable_text("Plain text, no placeholders.") == "Plain text, no placeholders."


def test_a_retired_record_is_marked_removed_and_links_the_3_9_1_source(make_project) -> None:
    retired = (FIXTURES / "retired-record.yaml").read_text()
    fqn = "kafka.zookeeper.ZooKeeperClientTimeoutException"
    files = _render(make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text(), f"{fqn}.yaml": retired}))
    page = files[f"errors/{fqn}.md"]
    assert "Removed in Kafka 4.0: last in Kafka 3.9" in page and "**In Kafka 4.0 and later:**" in page
    assert (
        "https://github.com/apache/kafka/blob/3.9.1/core/src/main/scala/kafka/zookeeper/ZooKeeperClient.scala#L250-L270"
        in page
    )
    assert "Source (Kafka 3.9.1)" in page and "Source (Kafka 4.1.1)" not in page
    assert "Source (Kafka 4.1.1)" in files[f"errors/{BASE_FQN}.md"]
    index = files["errors/index.md"]
    removed = index.split("## Removed in Kafka 4.0", 1)[1]
    assert fqn.rsplit(".", 1)[1] in removed and BASE_FQN.rsplit(".", 1)[1] not in removed
    assert "| 4.0 | 3.9 | complete |" in files["coverage.md"]
    coverage = json.loads(files["api/v1/coverage.json"])
    assert coverage["retired_records"] == [
        {"id": fqn, "status": "complete", "removed_in": "4.0", "last_version": "3.9"}
    ]


def test_a_client_error_gets_its_page_the_client_page_search_tags_and_the_export(make_project) -> None:
    record = (FIXTURES / "client-record.yaml").read_text()
    files = _render(
        make_project({f"{BASE_FQN}.yaml": BASE_RECORD.read_text(), "librdkafka/_ALL_BROKERS_DOWN.yaml": record})
    )
    page = files["clients/librdkafka/_ALL_BROKERS_DOWN.md"]
    assert page.startswith('---\ntitle: "_ALL_BROKERS_DOWN (librdkafka)"\n')
    tags = page.split("search:", 1)[0]  # search finds it by every name and text
    for name in (
        "Local: All broker connections are down",
        "kafka.ErrAllBrokersDown",
        "RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN",
    ):
        assert name in tags, name
    assert "An error of the client library" in page and "## In Kafka's terms" in page and "## Clients" not in page
    assert "<th>librdkafka v2.12.0 default</th>" in page and "<code>10000</code>" in page
    assert (
        '<tr><td><code>_ALL_BROKERS_DOWN</code></td><td data-label="Prints"><code>Local: All broker connections are'
        ' down</code></td><td data-label="Retriable">–</td><td data-label="Entry"><a href="_ALL_BROKERS_DOWN/">'
        "complete</a></td></tr>" in files["clients/librdkafka/index.md"]
    )
    assert "(librdkafka/index.md)" in files["clients/index.md"]
    assert "_ALL_BROKERS_DOWN" not in files["errors/index.md"]  # the A-to-Z lists Java exceptions
    export = json.loads(files["api/v1/errors.json"])
    assert [e["id"] for e in export["client_errors"]] == ["librdkafka/_ALL_BROKERS_DOWN"]
    assert [e["id"] for e in export["errors"]] == [BASE_FQN]
    assert export["clients"]["librdkafka"] == {"repository": "confluentinc/librdkafka", "release": "v2.12.0"}


def test_a_misspelt_template_variable_fails_and_an_absent_optional_field_is_empty(tmp_path) -> None:
    import pytest
    from jinja2.exceptions import UndefinedError

    from generator.render.markdown import environment

    env = environment(tmp_path)
    assert env.from_string("[{{ cause.sources }}]").render(cause={}) == "[]"
    assert env.from_string("{% if cause.sources %}x{% endif %}").render(cause={}) == ""
    with pytest.raises(UndefinedError):
        env.from_string("{{ casue.title }}").render(cause={})
    with pytest.raises(UndefinedError):
        env.from_string("{% if casue %}x{% endif %}").render(cause={})


def test_templates_name_pages_through_the_url_builder() -> None:
    """Page paths live in generator/urls.py: a template that wrote `errors/index.md` itself would break silently
    if the page moved."""
    import re

    from conftest import REPO

    literal = re.compile(
        r"""[("'](?:\.\./)*(?:errors|codes|clients|components|explain)/[\w./{}~ "']*\.md\b|\((?:\.\./)*(?:coverage|contribute)\.md\)"""
    )
    for path in sorted((REPO / "templates").glob("*.j2")):
        found = literal.findall(path.read_text(encoding="utf-8"))
        assert not found, (path.name, found)


def test_relative_links_equal_posixpath_relpath_between_every_kind_of_page() -> None:
    """urls computes relative links by splitting strings (relpath asks the file system for the working directory,
    25 times a page): the answers must be relpath's for every pair of page kinds."""
    import posixpath

    from generator import urls

    pages = [
        urls.HOME,
        urls.ERRORS,
        urls.CODES,
        urls.EXPLAIN,
        urls.entry("org.apache.kafka.common.errors.TimeoutException"),
        urls.entry("librdkafka/_MSG_TIMED_OUT"),
        urls.code("request-timed-out"),
        urls.client("librdkafka"),
        urls.component("producer"),
    ]
    for page in pages:
        for target in pages:
            expected = posixpath.relpath(target, posixpath.dirname(page) or ".")
            assert urls.relative(page, target) == expected, (page, target)
            rel = posixpath.relpath(urls.url(target) or ".", urls.url(page) or ".")
            assert urls.relative_url(page, target) == ("./" if rel == "." else rel + "/"), (page, target)
