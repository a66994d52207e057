"""Lists ordered by a text column come in the order of WordPress's database collation, utf8mb4_unicode_520_ci.

Every expected order here is what MariaDB 10.11 answered for ``ORDER BY`` over the same strings in a column of
that collation (punctuation before digits before letters; case and accents ignored; trailing spaces ignored;
only the first 512 weights compared). Strings the collation finds equal are listed together: WordPress leaves
their order to the database, Vellum orders them by ID.
"""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlmodel import Session

from tests.builders import make_entry, make_page, make_post, make_term, make_user

# MariaDB's ORDER BY post_title of these titles; a tuple holds titles it finds equal.
TITLES_IN_WORDPRESS_ORDER: list[str | tuple[str, ...]] = [
    ("", " "),
    " leading space",
    "_underscore",
    "-dash",
    "¿Qué es el trabajo forzoso? Preguntas frecuentes",
    "‘Single’ quoted",
    '"Straight" quotes',
    "“Quoted” report",
    "(Brackets) first",
    "[Square]",
    "@mention",
    "&amp; entity",
    "#hashtag",
    "10 things to know",
    "2020 annual report",
    "a\tb",
    ("a", "A", "á", "a "),
    "a b",
    "a_b",
    "a-b",
    "ab",
    "Ångström",
    ("Annual report", "annual Report"),
    ("Émigré workers", "emigre workers"),
    ("Ñandú", "nandu"),
    "Œuvre",
    "Øresund",
    ("Straße", "Strasse"),
    "trailing space ",
    "zebra",
    "Zebra crossing",
    "العمل الجبري",
    "مرحبا بالعالم",
    "กรุงเทพ",
    "เกษตรกร",
    "แรงงานบังคับในอุตสาหกรรมประมง",
    "中文标题",
    "日本語",
    "🎉 Party",
    "😀 Emoji first",
]


def _groups(expected: list[str | tuple[str, ...]]) -> list[tuple[str, ...]]:
    return [group if isinstance(group, tuple) else (group,) for group in expected]


def _make_posts(session: Session, titles: list[str]) -> dict[int, str]:
    """Posts with these titles, made in the order given: post ID -> title."""
    posts = {
        int(make_post(session, title=title, slug=f"post-{number}").id or 0): title
        for number, title in enumerate(titles)
    }
    session.commit()
    return posts


def _in_groups(ids: list[int], names: dict[int, str], expected: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The listed strings as the expected groups (consecutive equal strings together), in the order listed."""
    listed: list[tuple[str, ...]] = []
    for item_id in ids:
        group = next(group for group in expected if names[item_id] in group)
        if not listed or listed[-1] is not group:
            listed.append(group)
    return listed


def test_posts_by_title_come_in_wordpress_database_order(client: TestClient, session: Session) -> None:
    expected = _groups(TITLES_IN_WORDPRESS_ORDER)
    # Made in the reverse order, so that an order by ID or by bytes could not pass for the collation's.
    posts = _make_posts(session, [title for group in reversed(expected) for title in group])
    answer = client.get("/wp-json/wp/v2/posts?orderby=title&order=asc&per_page=100").json()
    ids = [item["id"] for item in answer]
    assert _in_groups(ids, posts, expected) == expected
    for group in expected:  # equal titles: by ID, as Vellum breaks WordPress's ties
        members = [item_id for item_id in ids if posts[item_id] in group]
        assert members == sorted(members), group
    descending = client.get("/wp-json/wp/v2/posts?orderby=title&order=desc&per_page=100").json()
    assert [item["id"] for item in descending] == ids[::-1]


def test_a_page_of_posts_by_title_is_the_first_of_that_order(client: TestClient, session: Session) -> None:
    posts = _make_posts(session, ["Zebra", "éclair", "¿Qué?", "2020", "“Quoted”", "apple", "Éclair"])
    answer = client.get("/wp-json/wp/v2/posts?orderby=title&order=asc&per_page=3&page=2")
    assert [posts[item["id"]] for item in answer.json()] == ["apple", "éclair", "Éclair"]
    assert answer.headers["X-WP-Total"] == "7"


def test_only_the_first_512_weights_of_a_title_count(client: TestClient, session: Session) -> None:
    # MariaDB sorts on max_sort_length (1024) bytes of two-byte weights; a CJK ideograph has two weights.
    titles = ["a" * 511 + "z", "a" * 511 + "b", "e" * 512 + "z", "e" * 512 + "b", "中" * 256 + "z", "中" * 255 + "b"]
    posts = _make_posts(session, titles)
    answer = client.get("/wp-json/wp/v2/posts?orderby=title&order=asc").json()
    assert [posts[item["id"]] for item in answer] == [titles[1], titles[0], titles[2], titles[3], titles[5], titles[4]]


def test_posts_by_slug_come_in_wordpress_database_order(client: TestClient, session: Session) -> None:
    slugs = ["ab", "a1", "a%e0%b8%81", "a-b", "a_b", "a", "a-2", "a%e0%b8%81-2"]
    for slug in slugs:
        make_post(session, slug=slug, title=slug)
    session.commit()
    answer = client.get("/wp-json/wp/v2/posts?orderby=slug&order=asc").json()
    assert [item["slug"] for item in answer] == ["a", "a_b", "a-2", "a-b", "a%e0%b8%81", "a%e0%b8%81-2", "a1", "ab"]


def test_pages_and_media_by_title_share_the_order(client: TestClient, session: Session) -> None:
    for title in ["Zebra", "¿Qué?", "éclair", "Apple"]:
        make_page(session, title=title, slug=f"page-{title}")
        make_entry(session, type="attachment", status="inherit", title=title, slug=f"file-{title}")
    session.commit()
    for route in ("pages", "media"):
        answer = client.get(f"/wp-json/wp/v2/{route}?orderby=title&order=asc").json()
        assert [item["title"]["rendered"] for item in answer] == ["¿Qué?", "Apple", "éclair", "Zebra"], route


NAMES_IN_WORDPRESS_ORDER = [
    "¿Qué?",
    "“Quoted”",
    "2020",
    "Apple",
    "economy",
    "Éducation",
    "Zebra",
    "العمل",
    "กรุงเทพ",
    "中文",
]


def test_terms_by_name_come_in_wordpress_database_order(client: TestClient, session: Session) -> None:
    for number, name in enumerate(reversed(NAMES_IN_WORDPRESS_ORDER)):
        make_term(session, slug=f"term-{number}", name=name)
    session.commit()
    for query in ("", "?orderby=name&order=asc"):
        answer = client.get(f"/wp-json/wp/v2/categories{query}").json()
        assert [item["name"] for item in answer] == NAMES_IN_WORDPRESS_ORDER
    descending = client.get("/wp-json/wp/v2/categories?orderby=name&order=desc").json()
    assert [item["name"] for item in descending] == NAMES_IN_WORDPRESS_ORDER[::-1]
    found = client.get("/wp-json/wp/v2/search?type=term&search=o").json()
    assert [item["title"] for item in found] == ["“Quoted”", "economy", "Éducation"]


def test_terms_by_slug_come_in_wordpress_database_order(client: TestClient, session: Session) -> None:
    for slug in ["ab", "a1", "a%e0%b8%81", "a-b", "a_b"]:
        make_term(session, slug=slug, name=f"Term {slug}")
    session.commit()
    answer = client.get("/wp-json/wp/v2/categories?orderby=slug&order=asc").json()
    assert [item["slug"] for item in answer] == ["a_b", "a-b", "a%e0%b8%81", "a1", "ab"]


def test_a_posts_terms_come_by_name(client: TestClient, session: Session) -> None:
    # get_the_terms -> wp_get_object_terms, ordered by name.
    terms = {
        name: make_term(session, slug=f"term-{number}", name=name)
        for number, name in enumerate(["Zebra", "economy", "¿Qué?", "Éducation"])
    }
    post = make_post(session, term_ids=[int(term.id or 0) for term in terms.values()])
    session.commit()
    categories = client.get(f"/wp-json/wp/v2/posts/{post.id}").json()["categories"]
    assert categories == [terms[name].id for name in ["¿Qué?", "economy", "Éducation", "Zebra"]]


def test_users_by_name_and_slug_come_in_wordpress_database_order(client: TestClient, session: Session) -> None:
    people = [("a1", "Zoë Adams"), ("a-b", "José Ramírez"), ("a_b", "Communications & Media"), ("ab", "ángel Ruiz")]
    for login, name in people:
        user = make_user(session, login=login, nicename=login, display_name=name)
        make_post(session, slug=f"by-{login}", author_id=user.id)
    session.commit()
    names = [item["name"] for item in client.get("/wp-json/wp/v2/users").json()]
    assert names == ["ángel Ruiz", "Communications &amp; Media", "José Ramírez", "Zoë Adams"]
    slugs = [item["slug"] for item in client.get("/wp-json/wp/v2/users?orderby=slug&order=asc").json()]
    assert slugs == ["a_b", "a-b", "a1", "ab"]
