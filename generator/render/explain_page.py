"""The Explain page (`explain/index.md`): the paste form. Its matcher index is written by `generator.explain.web`.

The page is laid out by templates/explain.md.j2 and driven by templates/static/javascripts/explain*.js.
To change what the page says: edit the template; to change the matching: see `generator.explain.web`.
"""

from __future__ import annotations

from jinja2 import Environment

from .. import urls
from .site import SiteInfo


def render_explain_page(env: Environment, site: SiteInfo) -> dict[str, str]:
    return {urls.EXPLAIN: env.get_template("explain.md.j2").render(site=site)}
