"""Entries written together are indexed for search together, and the index matches the table afterwards."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, col, select

from app.content.models import Entry
from app.content.search import search_condition
from app.content.service import EntryWrite, create_entry, save_entries, update_entry
from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import export, item


def _post(entry_id: int, title: str, content: str) -> EntryWrite:
    fields = {"id": entry_id, "type": "post", "status": "publish", "slug": f"p{entry_id}", "title": title}
    return EntryWrite(fields={**fields, "content": content, "excerpt": ""})


def _found(session: Session, word: str) -> set[int]:
    return {int(entry_id or 0) for entry_id in session.scalars(select(col(Entry.id)).where(search_condition(word)))}


def _assert_index_matches_entries(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's GIN indexes are the engine's own
    assert session.execute(text("SELECT COUNT(*) FROM entries_search_deferred")).scalar_one() == 0
    # FTS5's integrity-check checks the index's own structure; it does not compare an external-content index with
    # its table (SQLite 3.40). So a second index with the same definition is built from scratch over the same
    # content and both are compared term by term: a row the live index lacks, or still holds, changes the number
    # of documents of some term.
    session.execute(text("INSERT INTO entries_search (entries_search) VALUES ('integrity-check')"))
    definition = session.execute(text("SELECT sql FROM sqlite_master WHERE name = 'entries_search'")).scalar_one()
    session.execute(text(definition.replace("entries_search", "search_check", 1)))
    session.execute(text("INSERT INTO search_check (search_check) VALUES ('rebuild')"))
    session.execute(text("CREATE VIRTUAL TABLE temp.live_terms USING fts5vocab(main, entries_search, row)"))
    session.execute(text("CREATE VIRTUAL TABLE temp.fresh_terms USING fts5vocab(main, search_check, row)"))
    differences = session.execute(
        text(
            "SELECT * FROM (SELECT term, doc FROM live_terms EXCEPT SELECT term, doc FROM fresh_terms) "
            "UNION ALL SELECT * FROM (SELECT term, doc FROM fresh_terms EXCEPT SELECT term, doc FROM live_terms)"
        )
    ).all()
    session.rollback()  # the check's own tables, temporary ones included, go with it
    assert differences == []


def test_entries_saved_in_one_batch_are_all_found(session: Session) -> None:
    save_entries(session, [_post(n, f"Title {n}", f"<p>body of number {n} with zebras</p>") for n in range(1, 40)])
    session.commit()
    assert _found(session, "zebra") == set(range(1, 40))
    assert _found(session, "number 17") == {17}
    _assert_index_matches_entries(session)


def test_the_trigger_indexes_single_writes_again_after_a_batch(session: Session) -> None:
    save_entries(session, [_post(1, "First", "aardvark"), _post(2, "Second", "aardvark")])
    create_entry(session, write=_post(3, "Third", "aardvark and okapi"))
    update_entry(session, 1, fields={"content": "now an okapi"})
    session.commit()
    assert _found(session, "okapi") == {1, 3}
    assert _found(session, "aardvark") == {2, 3}
    _assert_index_matches_entries(session)


def test_an_import_is_searchable_over_http(client: TestClient, session: Session, tmp_path: Path) -> None:
    animals = {1: "quokkas", 0: "wombats"}
    items = [item(n, title=f"Post {n}", content=f"<p>about {animals[n % 2]}</p>") for n in range(1, 9)]
    import_wxr(export(tmp_path, *items), "--batch-size", "3", report=tmp_path / "r.json")
    response = client.get("/wp-json/wp/v2/posts", params={"search": "quokka", "per_page": 100})
    assert response.status_code == 200
    assert sorted(post["id"] for post in response.json()) == [1, 3, 5, 7]
    _assert_index_matches_entries(session)


def test_a_word_is_found_where_it_stands_whole_not_where_its_trigrams_are_scattered(session: Session) -> None:
    save_entries(
        session,
        [
            _post(1, "A zebra crossing", ""),
            _post(2, "Arbez", "ebra zeb"),  # every trigram of "zebra", never the word
            _post(3, "zeb", "ebra"),  # the word split between the title and the content
            _post(4, "Quiet", "<p>two ZEBRAS</p>"),
        ],
    )
    session.commit()
    assert _found(session, "zebra") == {1, 4}
    assert _found(session, "-zebra") == {2, 3}
    _assert_index_matches_entries(session)


def test_sqlite_search_folds_the_case_of_letters_beyond_ascii(session: Session) -> None:
    if session.get_bind().dialect.name != "sqlite":
        return  # PostgreSQL's ILIKE folds as its database's locale does
    save_entries(session, [_post(1, "ÄRGER IM BÜRO", ""), _post(2, "Ärger", "ΟΔΟΣ"), _post(3, "arger", "")])
    session.commit()
    assert _found(session, "ärger") == {1, 2}
    assert _found(session, "büro") == {1}
    assert _found(session, "οδοσ") == {2}


def _revision(entry_id: int, parent: int, content: str) -> EntryWrite:
    fields = {"id": entry_id, "type": "revision", "status": "inherit", "slug": f"{parent}-revision-v1"}
    return EntryWrite(fields={**fields, "parent_id": parent, "title": "Old", "content": content, "excerpt": ""})


def _indexed(session: Session, word: str) -> set[int]:
    """The entries the search index itself holds for ``word`` (SQLite's trigram table, before any re-check)."""
    phrase = " AND ".join(f'"{word[i : i + 3]}"' for i in range(len(word) - 2))
    rows = session.execute(text("SELECT rowid FROM entries_search WHERE entries_search MATCH :q"), {"q": phrase})
    return {int(row[0]) for row in rows}


def _gin_predicates(session: Session) -> set[str]:
    """The WHERE clause of each of PostgreSQL's trigram indexes."""
    query = text("SELECT indexdef FROM pg_indexes WHERE indexname LIKE 'ix_entries_search_%'")
    return {str(definition).partition(" WHERE ")[2] for definition in session.scalars(query)}


def _posts_found(client: TestClient, word: str) -> list[int]:
    return [post["id"] for post in client.get("/wp-json/wp/v2/posts", params={"search": word}).json()]


def test_revisions_are_left_out_of_the_search_index(client: TestClient, session: Session) -> None:
    is_sqlite = session.get_bind().dialect.name == "sqlite"
    save_entries(session, [_post(1, "Okapi news", "the okapi"), _revision(2, 1, "an okapi draft")])
    create_entry(session, write=_revision(3, 1, "another okapi draft"))
    session.commit()
    if is_sqlite:
        assert _indexed(session, "okapi") == {1}
    else:
        # Partial indexes, which PostgreSQL uses for any query naming its post types (as every search does).
        assert _gin_predicates(session) == {"((type)::text <> 'revision'::text)"}
    assert _posts_found(client, "okapi") == [1]
    assert [hit["id"] for hit in client.get("/wp-json/wp/v2/search", params={"search": "okapi"}).json()] == [1]

    # Revisions changed, removed, or turned into posts (and back) keep the index in step with the table.
    update_entry(session, 2, fields={"content": "an okapi draft, edited"})
    session.execute(text("DELETE FROM entries WHERE id = 3"))
    update_entry(session, 2, fields={"type": "post", "status": "publish", "slug": "restored"})
    update_entry(session, 1, fields={"type": "revision", "status": "inherit"})
    session.commit()
    if is_sqlite:
        assert _indexed(session, "okapi") == {2}
    assert _posts_found(client, "okapi") == [2]
    assert _posts_found(client, "edited") == [2]
    _assert_index_matches_entries(session)
