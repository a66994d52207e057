"""Lists cost a fixed number of SQL statements, whatever the page size (no N+1)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Engine, event
from sqlmodel import Session

from tests.builders import make_entry, make_page, make_post, make_term, make_user


@contextmanager
def counted_statements(engine: Engine) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        statements.append(statement)

    event.listen(engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _site_with_many_entries(session: Session) -> None:
    author = make_user(session, login="writer")
    news = make_term(session, slug="news")
    tag = make_term(session, taxonomy="post_tag", slug="long-read")
    image = make_entry(session, type="attachment", status="inherit", slug="photo")
    for number in range(120):
        make_post(
            session,
            slug=f"post-{number}",
            author_id=author.id,
            term_ids=[news.id, tag.id],
            featured_media_id=image.id,
        )
    parent = make_page(session, slug="parent")
    for number in range(110):
        make_page(session, slug=f"page-{number}", parent_id=parent.id, author_id=author.id)
    session.commit()


def test_post_list_statements_do_not_grow_with_page_size(client: TestClient, session: Session, engine: Engine) -> None:
    _site_with_many_entries(session)
    counts = {}
    for per_page in (10, 100):
        with counted_statements(engine) as statements:
            response = client.get(f"/wp-json/wp/v2/posts?per_page={per_page}")
        assert response.status_code == 200
        assert len(response.json()) == per_page
        counts[per_page] = len(statements)
    assert counts[10] == counts[100] <= 8


def test_page_list_statements_do_not_grow_with_page_size(client: TestClient, session: Session, engine: Engine) -> None:
    _site_with_many_entries(session)
    counts = {}
    for per_page in (10, 100):
        with counted_statements(engine) as statements:
            response = client.get(f"/wp-json/wp/v2/pages?per_page={per_page}&orderby=title&order=asc")
        assert response.status_code == 200
        assert len(response.json()) == per_page
        counts[per_page] = len(statements)
    assert counts[10] == counts[100] <= 8
