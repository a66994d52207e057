"""Terms, users, comments and options go in through their services and come back out."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlmodel import Session

from app.comments.service import get_comment, get_comment_meta, update_comment
from app.core.errors import InvalidInput
from app.options.service import get_option, get_options, set_option
from app.taxonomy.service import find_term, get_term, get_term_meta, update_term
from app.users.service import delete_user, get_user, get_user_meta
from tests.builders import make_comment, make_post, make_term, make_user


def test_terms_keep_hierarchy_description_and_meta(session: Session) -> None:
    parent = make_term(session, id=30, slug="publications", name="Publications")
    child = make_term(session, id=31, slug="guidance", parent_id=30, description="How-to", meta=[("color", "#ff0000")])
    custom = make_term(session, id=32, taxonomy="region", slug="west-africa")
    session.commit()
    session.expunge_all()
    assert get_term(session, 31).parent_id == parent.id
    assert get_term(session, 31).description == "How-to"
    assert [(row.key, row.value) for row in get_term_meta(session, child.id or 0)] == [("color", "#ff0000")]
    assert find_term(session, "region", "west-africa") is not None
    assert custom.taxonomy == "region"


def test_a_slug_is_unique_within_its_taxonomy(session: Session) -> None:
    make_term(session, slug="news")
    make_term(session, taxonomy="post_tag", slug="news")
    with pytest.raises(InvalidInput):
        make_term(session, slug="news")


def test_term_update_keeps_meta(session: Session) -> None:
    make_term(session, id=3, slug="a", meta=[("k", "v")])
    update_term(session, 3, fields={"name": "Renamed"})
    session.commit()
    assert get_term(session, 3).name == "Renamed"
    assert [row.value_raw for row in get_term_meta(session, 3)] == ["v"]


def test_users_keep_profile_roles_and_meta(session: Session) -> None:
    registered = datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)
    make_user(
        session,
        id=2,
        login="themedemos",
        nicename="themedemos",
        url="https://example.org",
        registered_at=registered,
        roles=["editor"],
        meta=[("first_name", "Theme"), ("wp_capabilities", 'a:1:{s:6:"editor";b:1;}')],
    )
    session.commit()
    session.expunge_all()
    user = get_user(session, 2)
    assert (user.login, user.email, user.roles, user.registered_at) == (
        "themedemos",
        "themedemos@example.org",
        ["editor"],
        registered,
    )
    assert get_user_meta(session, 2)[1].value == {"editor": True}
    delete_user(session, 2)
    assert get_user_meta(session, 2) == []


def test_comments_keep_threading_status_type_and_meta(session: Session) -> None:
    post = make_post(session, id=10)
    parent = make_comment(session, id=100, entry_id=post.id or 0, author_email="a@example.org")
    reply = make_comment(
        session,
        id=101,
        entry_id=10,
        parent_id=100,
        status="0",
        type="pingback",
        meta=[("rating", "5")],
    )
    update_comment(session, 101, fields={"content": "Edited"})
    session.commit()
    session.expunge_all()
    loaded = get_comment(session, 101)
    assert (loaded.parent_id, loaded.status, loaded.type, loaded.content) == (100, "0", "pingback", "Edited")
    assert [row.value_raw for row in get_comment_meta(session, reply.id or 0)] == ["5"]
    assert parent.author_email == "a@example.org"


def test_options_fall_back_to_wordpress_defaults(session: Session) -> None:
    assert get_option(session, "date_format") == "F j, Y"
    set_option(session, "blogname", "Hub")
    set_option(session, "nav_menu_locations", {"primary": 5})
    session.commit()
    assert get_options(session, ["blogname", "nav_menu_locations", "time_format"]) == {
        "blogname": "Hub",
        "nav_menu_locations": {"primary": 5},
        "time_format": "g:i a",
    }
