"""`vellum import wxr` on small hand-made exports: every post type, meta, terms, comments, references, URLs."""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, col, select

from app.acf.models import AcfField, AcfFieldGroup
from app.comments.models import Comment, CommentMeta
from app.content.models import (
    CustomCss,
    CustomizeChangeset,
    Entry,
    EntryMeta,
    OembedCache,
    OldUrl,
    ReusableBlock,
    UserRequest,
)
from app.menus.models import MenuItem
from app.options.service import get_option
from app.taxonomy.models import Term, TermMeta, TermRelationship
from app.users.models import User
from tests.importers.wxr.cli import import_wxr, vellum
from tests.importers.wxr.export_builder import author, category, comment, export, item, meta, term


def _entry(session: Session, entry_id: int) -> Entry:
    entry = session.get(Entry, entry_id, populate_existing=True)
    assert entry is not None, f"entry {entry_id} missing"
    return entry


def test_hard_text_survives_cdata_split_crlf_entities_and_unicode(session: Session, tmp_path: Path) -> None:
    serialized_crlf = 'a:1:{s:4:"note";s:9:"one\r\ntwo";}'
    path = export(
        tmp_path,
        item(
            10,
            title="Caf\u00e9 &amp; \u0645\u0631\u062d\u0628\u0627 \u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35 \U0001f600",
            slug="%d9%85%d8%b1%d8%ad%d8%a8%d8%a7",
            content="<p>Literal ]]> survives</p>\r\n\r\n<p>Blank lines kept</p>",
            link="https://example.com/?p=10&lang=ar",
            metas=[meta("crlf", serialized_crlf), meta("dup", "1"), meta("dup", "2")],
        ),
    )
    import_wxr(path, report=tmp_path / "r.json")
    entry = _entry(session, 10)
    assert (
        entry.title == "Caf\u00e9 &amp; \u0645\u0631\u062d\u0628\u0627 \u0e2a\u0e27\u0e31\u0e2a\u0e14\u0e35 \U0001f600"
    )
    assert entry.content == "<p>Literal ]]> survives</p>\r\n\r\n<p>Blank lines kept</p>"
    assert entry.slug == "%d9%85%d8%b1%d8%ad%d8%a8%d8%a7"
    rows = list(
        session.scalars(select(EntryMeta).where(col(EntryMeta.entry_id) == 10).order_by(col(EntryMeta.position)))
    )
    assert [(row.key, row.value_raw) for row in rows] == [("crlf", serialized_crlf), ("dup", "1"), ("dup", "2")]
    assert rows[0].value == {"note": "one\r\ntwo"}
    assert ("link", "/?p=10&lang=ar") in {(u.kind, u.value) for u in session.scalars(select(OldUrl))}


def test_every_status_sticky_password_and_typed_columns_are_kept(session: Session, tmp_path: Path) -> None:
    statuses = ["publish", "future", "draft", "pending", "private", "trash", "auto-draft"]
    items = [item(100 + i, status=status) for i, status in enumerate(statuses)]
    path = export(
        tmp_path,
        *items,
        item(120, sticky=True, password="secret", metas=[meta("_thumbnail_id", "130"), meta("_wp_old_slug", "old")]),
        item(121, post_type="page", parent=122, menu_order=3, metas=[meta("_wp_page_template", "wide.php")]),
        item(122, post_type="page"),
        item(
            130,
            post_type="attachment",
            attachment_url="https://example.com/wp-content/uploads/2024/03/a.jpg",
            metas=[
                meta("_wp_attached_file", "2024/03/a.jpg"),
                meta("_wp_attachment_metadata", 'a:3:{s:5:"width";i:640;s:6:"height";i:480;s:5:"sizes";a:0:{}}'),
                meta("_wp_attachment_image_alt", "Alt text"),
            ],
        ),
    )
    report = import_wxr(path, report=tmp_path / "r.json")
    assert [_entry(session, 100 + i).status for i in range(len(statuses))] == statuses
    sticky = _entry(session, 120)
    assert (sticky.is_sticky, sticky.password, sticky.featured_media_id) == (True, "secret", 130)
    assert ("old_slug", "old") in {
        (u.kind, u.value) for u in session.scalars(select(OldUrl).where(col(OldUrl.entry_id) == 120))
    }
    child = _entry(session, 121)
    assert (child.parent_id, child.menu_order, child.template) == (122, 3, "wide.php")
    assert report["dangling_references"] == {}
    from app.media.models import Attachment

    attachment = session.get(Attachment, 130)
    assert attachment is not None
    assert (attachment.file, attachment.width, attachment.height, attachment.alt_text, attachment.mime_type) == (
        "2024/03/a.jpg",
        640,
        480,
        "Alt text",
        "image/jpeg",
    )
    assert attachment.original_url == "https://example.com/wp-content/uploads/2024/03/a.jpg"
    assert attachment.is_stored is False


def test_every_special_post_type_gets_typed_details(session: Session, tmp_path: Path) -> None:
    group_settings = (
        'a:2:{s:8:"location";a:1:{i:0;a:1:{i:0;a:3:{s:5:"param";s:9:"post_type";s:8:"operator";s:2:"==";'
        's:5:"value";s:4:"post";}}}s:8:"position";s:6:"normal";}'
    )
    path = export(
        tmp_path,
        item(1, post_type="custom_css", title="twentytwentythree", content="body{color:red}"),
        item(
            2,
            post_type="customize_changeset",
            slug="3f2b4c1a-9d5e-4b7f-8a6c-2e1d0f9b8a7c",
            content='{"blogname": {"value": "New", "type": "option", "user_id": 1}}',
            status="trash",
        ),
        item(3, post_type="oembed_cache", slug="0d9c1d4cb8c1ed4b8f2e7c4f1ab2a8e3", content="<iframe></iframe>"),
        item(
            4,
            post_type="user_request",
            title="someone@example.org",
            slug="export_personal_data",
            status="request-confirmed",
            password="$P$hash",
            content="[]",
            metas=[meta("_wp_user_request_confirmed_timestamp", "1709294400")],
        ),
        item(
            5,
            post_type="wp_block",
            title="CTA",
            content="<!-- wp:paragraph --><p>Act</p><!-- /wp:paragraph -->",
            metas=[meta("wp_pattern_sync_status", "unsynced")],
        ),
        item(6, post_type="acf-field-group", title="Details", slug="group_65a1b2c3d4e5f", content=group_settings),
        item(
            7,
            post_type="acf-field",
            title="Pages",
            slug="field_65a1b2c3d4e60",
            excerpt="pages",
            parent=6,
            content='a:2:{s:4:"type";s:6:"number";s:8:"required";i:0;}',
        ),
        item(8, post_type="partner", title="ILO", metas=[meta("country", "CH")]),
        item(9, post_type="post", metas=[meta("pages", "12"), meta("_pages", "field_65a1b2c3d4e60")]),
    )
    import_wxr(path, report=tmp_path / "r.json")
    assert session.get(CustomCss, 1).stylesheet == "twentytwentythree"  # type: ignore[union-attr]
    changeset = session.get(CustomizeChangeset, 2)
    assert changeset is not None
    assert changeset.settings["blogname"]["value"] == "New"
    assert session.get(OembedCache, 3).cache_key == "0d9c1d4cb8c1ed4b8f2e7c4f1ab2a8e3"  # type: ignore[union-attr]
    request = session.get(UserRequest, 4)
    assert request is not None
    assert (request.email, request.action, request.request_status, request.key_hash) == (
        "someone@example.org",
        "export_personal_data",
        "request-confirmed",
        "$P$hash",
    )
    assert request.confirmed_at is not None
    assert request.confirmed_at.year == 2024
    assert session.get(ReusableBlock, 5).sync_status == "unsynced"  # type: ignore[union-attr]
    group = session.get(AcfFieldGroup, 6)
    assert group is not None
    assert group.location[0][0]["value"] == "post"
    field = session.get(AcfField, 7)
    assert field is not None
    assert (field.key, field.name, field.field_type, field.parent_id) == (
        "field_65a1b2c3d4e60",
        "pages",
        "number",
        6,
    )
    assert _entry(session, 8).type == "partner"
    assert _entry(session, 9).acf == {"pages": 12}


def test_acf_values_decode_when_definitions_come_after_the_values(session: Session, tmp_path: Path) -> None:
    path = export(
        tmp_path,
        item(
            9,
            metas=[
                meta("flag", "1"),
                meta("_flag", "field_aaa"),
                meta("team", "1"),
                meta("_team", "field_bbb"),
                meta("team_0_name", "Ana"),
                meta("_team_0_name", "field_ccc"),
            ],
        ),
        item(20, post_type="acf-field-group", slug="group_x", content='a:1:{s:8:"location";a:0:{}}'),
        item(
            21,
            post_type="acf-field",
            slug="field_aaa",
            excerpt="flag",
            parent=20,
            content='a:1:{s:4:"type";s:10:"true_false";}',
        ),
        item(
            22,
            post_type="acf-field",
            slug="field_bbb",
            excerpt="team",
            parent=20,
            content='a:1:{s:4:"type";s:8:"repeater";}',
        ),
        item(
            23,
            post_type="acf-field",
            slug="field_ccc",
            excerpt="name",
            parent=22,
            content='a:1:{s:4:"type";s:4:"text";}',
        ),
    )
    import_wxr(path, report=tmp_path / "r.json")
    assert _entry(session, 9).acf == {"flag": True, "team": [{"name": "Ana"}]}


def _acf_group_and_field(
    field_type: str, *, field_id: int = 21, slug: str = "field_aaa", name: str = "flag"
) -> list[str]:
    return [
        item(20, post_type="acf-field-group", slug="group_x", content='a:1:{s:8:"location";a:0:{}}'),
        item(
            field_id,
            post_type="acf-field",
            slug=slug,
            excerpt=name,
            parent=20,
            content=f'a:1:{{s:4:"type";s:{len(field_type)}:"{field_type}";}}',
        ),
    ]


def test_acf_values_decode_again_when_a_later_definition_changes_them(session: Session, tmp_path: Path) -> None:
    values = item(9, metas=[meta("flag", "1"), meta("_flag", "field_aaa"), meta("score", "5")])
    later = _acf_group_and_field("number", field_id=22, slug="field_bbb", name="score")[1]
    path = export(tmp_path, *_acf_group_and_field("true_false"), values, later)
    import_wxr(path, report=tmp_path / "r.json")
    # "score" has no reference row: only the field defined after the entry makes it an ACF value.
    assert _entry(session, 9).acf == {"flag": True, "score": "5"}


def test_unchanged_entries_decode_again_when_a_reimport_changes_definitions(session: Session, tmp_path: Path) -> None:
    values = item(9, metas=[meta("flag", "1"), meta("_flag", "field_aaa")])
    import_wxr(export(tmp_path, *_acf_group_and_field("text"), values), report=tmp_path / "r1.json")
    assert _entry(session, 9).acf == {"flag": "1"}
    import_wxr(export(tmp_path, *_acf_group_and_field("true_false"), values), report=tmp_path / "r2.json")
    assert _entry(session, 9).acf == {"flag": True}


def test_terms_with_parents_in_any_order_meta_and_relationships(session: Session, tmp_path: Path) -> None:
    path = export(
        tmp_path,
        category(31, "guidance", parent="publications", termmeta=[meta("color", "#f00", "wp:termmeta")]),
        category(30, "publications"),
        term(40, "region", "west-africa", parent="africa"),
        term(41, "region", "africa"),
        term(50, "nav_menu", "main-menu", name="Main menu"),
        item(
            1,
            categories=[
                ("category", "guidance", "Guidance"),
                ("post_tag", "ilo", "ILO"),
                ("region", "west-africa", "West Africa"),
                ("post_format", "post-format-aside", "Aside"),
            ],
        ),
    )
    import_wxr(path, report=tmp_path / "r.json")
    assert session.get(Term, 31).parent_id == 30  # type: ignore[union-attr]
    assert session.get(Term, 40).parent_id == 41  # type: ignore[union-attr]
    assert [(m.key, m.value_raw) for m in session.scalars(select(TermMeta))] == [("color", "#f00")]
    links = session.scalars(
        select(TermRelationship.term_id)
        .where(col(TermRelationship.entry_id) == 1)
        .order_by(col(TermRelationship.term_order))
    ).all()
    slugs = [session.get(Term, term_id).slug for term_id in links]  # type: ignore[union-attr]
    assert slugs == ["guidance", "ilo", "west-africa", "post-format-aside"]


def test_menus_comments_and_dangling_references_are_kept_and_reported(session: Session, tmp_path: Path) -> None:
    menu_meta = [
        meta("_menu_item_type", "post_type"),
        meta("_menu_item_object", "page"),
        meta("_menu_item_object_id", "999"),
        meta("_menu_item_menu_item_parent", "0"),
        meta("_menu_item_target", "_blank"),
        meta("_menu_item_classes", 'a:2:{i:0;s:3:"cta";i:1;s:0:"";}'),
        meta("_menu_item_xfn", "nofollow"),
        meta("_menu_item_url", ""),
    ]
    path = export(
        tmp_path,
        term(50, "nav_menu", "main-menu", name="Main menu"),
        item(60, post_type="nav_menu_item", categories=[("nav_menu", "main-menu", "Main menu")], metas=menu_meta),
        item(
            61,
            parent=777,
            content='<!-- wp:block {"ref":888} /-->',
            metas=[meta("_thumbnail_id", "555")],
            comments=[
                comment(5, content="first", metas=meta("rating", "4", "wp:commentmeta")),
                comment(6, parent=5, approved="0"),
                comment(7, parent=4444),
            ],
        ),
    )
    report = import_wxr(path, report=tmp_path / "r.json")
    menu_item = session.get(MenuItem, 60)
    assert menu_item is not None
    assert (menu_item.menu_id, menu_item.object_id, menu_item.target, menu_item.classes, menu_item.xfn) == (
        50,
        999,
        "_blank",
        ["cta"],
        "nofollow",
    )
    assert _entry(session, 61).parent_id == 777
    reply = session.get(Comment, 6)
    assert reply is not None
    assert (reply.parent_id, reply.status) == (5, "0")
    assert [m.value_raw for m in session.scalars(select(CommentMeta).where(col(CommentMeta.comment_id) == 5))] == ["4"]
    dangling = {
        name: [row["missing"] for row in value["items"]] for name, value in report["dangling_references"].items()
    }
    assert dangling == {
        "parent": [777],
        "featured_media": [555],
        "block_ref": [888],
        "menu_item_object": [999],
        "comment_parent": [4444],
    }


def test_authors_become_users_or_are_assigned_to_one(session: Session, tmp_path: Path) -> None:
    path = export(tmp_path, author(5, "jane", display="Jane Doe"), item(1, creator="jane"), item(2, creator="admin"))
    import_wxr(path, report=tmp_path / "r.json")
    jane = session.scalars(select(User).where(col(User.login) == "jane")).one()
    assert (jane.id, jane.display_name, jane.email) == (5, "Jane Doe", "jane@example.org")
    assert _entry(session, 1).author_id == 5

    other = export(tmp_path, author(9, "bob"), item(3, creator="bob"), name="other.xml")
    import_wxr(other, "--authors", "assign:jane", report=tmp_path / "r2.json")
    assert _entry(session, 3).author_id == 5
    assert session.scalars(select(User).where(col(User.login) == "bob")).first() is None
    code, output = vellum("import", "wxr", other, "--authors", "assign:nobody")
    assert code == 1
    assert "no user with login 'nobody'" in output


def test_a_newer_export_updates_what_changed_and_adds_what_is_new(session: Session, tmp_path: Path) -> None:
    import_wxr(export(tmp_path, item(1, title="One"), item(2, title="Two")), report=tmp_path / "r1.json")
    newer = export(tmp_path, item(1, title="One"), item(2, title="Two, edited"), item(3, title="Three"), name="new.xml")
    report = import_wxr(newer, report=tmp_path / "r2.json")
    assert report["entries"]["post"] == {"added": 1, "updated": 1, "unchanged": 1, "skipped": 0}
    assert _entry(session, 2).title == "Two, edited"


def test_dry_run_commits_nothing(session: Session, tmp_path: Path) -> None:
    report = import_wxr(export(tmp_path, item(1)), "--dry-run", report=tmp_path / "r.json")
    assert report["dry_run"] is True
    assert report["entries"]["post"]["added"] == 1
    assert session.scalars(select(Entry)).first() is None


def test_a_split_export_imports_as_one_site_and_other_sites_are_refused(session: Session, tmp_path: Path) -> None:
    first = export(tmp_path, item(1, parent=2), name="part1.xml")
    second = export(tmp_path, item(2, post_type="page"), name="part2.xml")
    report = import_wxr(first, second, report=tmp_path / "r.json")
    assert report["dangling_references"] == {}
    header = (
        "<title>Other</title><link>https://other.example</link><description></description>"
        "<wp:wxr_version>1.2</wp:wxr_version><wp:base_site_url>https://other.example</wp:base_site_url>"
        "<wp:base_blog_url>https://other.example</wp:base_blog_url>"
    )
    other = export(tmp_path, item(5), name="other.xml", header=header)
    code, output = vellum("import", "wxr", first, other)
    assert code == 1
    assert "different sites" in output
    assert session.get(Entry, 5) is None


def test_site_title_becomes_the_site_name(session: Session, tmp_path: Path) -> None:
    import_wxr(export(tmp_path, item(1)), report=tmp_path / "r.json")
    assert get_option(session, "blogname") == "Example"


def test_wxr_1_0_and_https_namespaces_import(session: Session, tmp_path: Path) -> None:
    data = Path(__file__).resolve().parent / "data"
    import_wxr(data / "wxr-1.0.xml", report=tmp_path / "r.json")
    entry = _entry(session, 5)
    # WXR 1.0 names authors by display name; they become users.
    author = session.get(User, entry.author_id)
    assert author is not None
    assert author.display_name == "Jane Doe"
    links = session.scalars(select(TermRelationship.term_id).where(col(TermRelationship.entry_id) == 5)).all()
    assert {(t.taxonomy, t.slug) for t in (session.get(Term, i) for i in links) if t} == {
        ("category", "local"),
        ("post_tag", "php"),
    }
    import_wxr(data / "wxr-1.1-https.xml", report=tmp_path / "r2.json")
