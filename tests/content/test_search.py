"""Searching entries: WordPress's substring semantics and relevance order, through each engine's index."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.content.models import Entry
from app.content.search import parse_search, relevance_order, search_condition
from tests.builders import make_post


def _found(session: Session, search: str) -> list[int]:
    query = (
        select(col(Entry.id))
        .where(search_condition(search))
        .order_by(relevance_order(search), col(Entry.date).desc(), col(Entry.id).desc())
    )
    return [int(entry_id or 0) for entry_id in session.scalars(query)]


def _posts(session: Session) -> dict[str, int]:
    rows = {
        "title": make_post(session, slug="t", title="A Gallery of Cats", date=datetime(2020, 1, 1)),
        "content": make_post(session, slug="c", content="<!-- wp:gallery --> cats", date=datetime(2024, 1, 1)),
        "excerpt": make_post(session, slug="e", excerpt="small galleries here", date=datetime(2022, 1, 1)),
        "other": make_post(session, slug="o", title="Dogs", content="nothing to see", date=datetime(2023, 1, 1)),
    }
    session.commit()
    return {name: int(entry.id or 0) for name, entry in rows.items()}


def test_a_word_matches_inside_longer_words_case_insensitively(session: Session) -> None:
    ids = _posts(session)
    assert set(_found(session, "GALLER")) == {ids["title"], ids["content"], ids["excerpt"]}
    assert _found(session, "all") == _found(session, "ALL")


def test_one_word_puts_title_matches_first_then_newest(session: Session) -> None:
    ids = _posts(session)
    assert _found(session, "galler") == [ids["title"], ids["content"], ids["excerpt"]]


def test_every_word_must_match_and_a_minus_word_excludes(session: Session) -> None:
    ids = _posts(session)
    assert _found(session, "gallery cats") == [ids["title"], ids["content"]]
    assert _found(session, "galler -cats") == [ids["excerpt"]]


def test_a_quoted_phrase_is_one_word(session: Session) -> None:
    ids = _posts(session)
    assert _found(session, '"gallery of"') == [ids["title"]]


def test_edits_and_deletions_reach_the_index(session: Session) -> None:
    ids = _posts(session)
    other = session.get(Entry, ids["other"])
    assert other is not None
    other.content = "a zebra gallery"
    session.commit()
    assert ids["other"] in _found(session, "zebra")
    session.delete(other)
    session.commit()
    assert _found(session, "zebra") == []


def test_short_words_and_stopwords_follow_parse_search_terms() -> None:
    assert parse_search("the gallery a of") == (["gallery"], 4)
    assert parse_search("the") == (["the"], 1)
    assert parse_search('"a phrase" word') == (["a phrase", "word"], 2)
