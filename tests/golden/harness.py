"""Replay what a real WordPress 6.1 answered against a running Vellum, and compare field by field.

A :class:`~tests.golden.site.Site` names one golden capture (``compat/<name>``: one JSON file per request,
see its README), how to import the same content into Vellum, and where WordPress numbered things
differently. :func:`replay` sends every anonymous request of the capture's ``_manifest.json`` to a
real server, maps the golden host and golden IDs onto ours, and counts

* **values**: the status, the headers WordPress sends (:data:`COMPARED_HEADERS`) and every leaf of
  the body except ``content.rendered``;
* **fields**: every golden leaf present in our answer with the same JSON type;
* **content**: ``content.rendered`` of each post, whitespace-normalised, counted once per post, from
  the answer that shows it best (:data:`CONTENT_RANKS`): its single-item answer where the capture has
  one, else a list whose posts are ours in our order (a list carries request state, such as the
  gallery counters of the posts rendered before, that depends on that order), else any list of ours
  that holds it. Which posts a list holds, and in what order, is a value compared on its own
  (``[ids]``); it is not counted again as a content difference.

``OPTIONS`` requests are tallied apart. Nothing is normalised away except WordPress's renumbering
and the host; what the capture's README calls nondeterministic is excluded by the site, with why.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from sqlalchemy import Engine
from sqlmodel import Session

from app.core.settings import get_settings
from app.options.service import set_option
from tests.golden.compare import Mapper, compare
from tests.golden.report import Report
from tests.golden.site import IdMap, Site, build_id_map
from tests.importers.wxr.cli import vellum


def import_site(site: Site, engine: Engine, workdir: Path, monkeypatch: pytest.MonkeyPatch) -> IdMap:
    """Import the site's export through the public CLI as its README describes, and map golden IDs to ours."""
    if site.config:
        config = workdir / "vellum.toml"
        config.write_text(site.config)
        monkeypatch.setenv("VELLUM_SITE_CONFIG", str(config))
        get_settings.cache_clear()
    code, output = vellum("import", "wxr", site.export, *site.import_args, "--report", workdir / "import.json")
    assert code == 0, output[-2000:]
    if site.options:
        with Session(engine) as session:
            for name, value in site.options.items():
                set_option(session, name, value)
            session.commit()
    return build_id_map(site, engine)


def our_host(base_url: str) -> str:
    """The site address our answers are written with (what WordPress's ``home`` is in the golden ones)."""
    return str(httpx.get(f"{base_url}/wp-json/").json()["home"]).rstrip("/")


def replay(site: Site, base_url: str, ids: IdMap, host: str, names: list[str] | None = None) -> Report:
    """Send each golden request to the server at ``base_url`` and compare our answers with WordPress's."""
    mapper = Mapper(site, ids, host)
    report = Report(site.name)
    with httpx.Client(base_url=base_url, timeout=60) as http:
        for name in site.anonymous_requests() if names is None else names:
            expected = site.load(name)
            request = mapper.url(expected["request"])
            parts = urlsplit(request)
            response = http.request(
                expected["method"],
                parts.path + (f"?{parts.query}" if parts.query else ""),
                json=expected.get("request_body"),
            )
            report.requests += 1
            report.sent[name] = expected["request"]
            compare(report, name, expected, response, mapper)
    report.renamed_equal = sorted(post for post in mapper.renamed_equal if report.content.get(post, 0) is None)
    return report
