"""What the WordPress Importer (0.9.5) does with an export, and ours the same, seen through the API."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from tests.importers.wxr.cli import import_wxr
from tests.importers.wxr.export_builder import author, category, comment, export, item

POSTS = "/wp-json/wp/v2/posts"
MODIFIED = (
    "<wp:post_modified><![CDATA[2024-06-01 10:00:00]]></wp:post_modified>"
    "<wp:post_modified_gmt><![CDATA[2024-06-01 09:00:00]]></wp:post_modified_gmt>"
)


def test_the_export_s_modified_dates_are_kept_where_the_wordpress_importer_drops_them(
    client: TestClient, tmp_path: Path
) -> None:
    # The WordPress Importer never passes wp:post_modified to wp_insert_post(), which then sets modified = date;
    # we keep what the export says. An export without modified dates (before WordPress 5.7) gets the post date.
    post = item(7, date="2024-03-01 13:00:00", date_gmt="2024-03-01 12:00:00")
    older = item(8, date="2024-03-02 13:00:00", date_gmt="2024-03-02 12:00:00")
    import_wxr(
        export(tmp_path, post.replace("<wp:post_name>", MODIFIED + "<wp:post_name>"), older), report=tmp_path / "r"
    )

    kept, dated = client.get(f"{POSTS}/7").json(), client.get(f"{POSTS}/8").json()

    assert (kept["modified"], kept["modified_gmt"]) == ("2024-06-01T10:00:00", "2024-06-01T09:00:00")
    assert (dated["modified"], dated["modified_gmt"]) == ("2024-03-02T13:00:00", "2024-03-02T12:00:00")


def test_comment_users_are_the_export_authors_they_name_or_nobody(client: TestClient, tmp_path: Path) -> None:
    # comment_user_id is mapped through the export's author IDs; an ID of the old site that no wp:author
    # carries (a WordPress.com account, say) becomes 0, so the comment names no user and links to none.
    comments = [comment(1, user_id=5), comment(2, user_id=24783058), comment(3)]
    import_wxr(
        export(tmp_path, author(5, "editor"), item(7, creator="editor", comments=comments)), report=tmp_path / "r"
    )
    editor = next(user for user in client.get("/wp-json/wp/v2/users").json() if user["slug"] == "editor")

    answers = client.get("/wp-json/wp/v2/comments", params={"post": 7, "orderby": "id", "order": "asc"}).json()

    assert [answer["author"] for answer in answers] == [editor["id"], 0, 0]
    assert answers[0]["_links"]["author"][0]["href"].endswith(f"/wp/v2/users/{editor['id']}")
    assert "author" not in answers[1]["_links"]


def test_a_post_without_a_category_gets_uncategorized_as_wp_insert_post_gives_it(
    client: TestClient, tmp_path: Path
) -> None:
    parts = [
        category(1, "uncategorized", name="Uncategorized"),
        category(2, "news"),
        item(7, categories=[("category", "news", "News")]),
        item(8, categories=[("post_tag", "loose", "Loose")]),
        item(9, post_type="page"),
    ]
    import_wxr(export(tmp_path, *parts), report=tmp_path / "r")
    ids = {term["slug"]: term["id"] for term in client.get("/wp-json/wp/v2/categories").json()}

    assert client.get(f"{POSTS}/7").json()["categories"] == [ids["news"]]
    assert client.get(f"{POSTS}/8").json()["categories"] == [ids["uncategorized"]]
    assert "categories" not in client.get("/wp-json/wp/v2/pages/9").json()
    assert {term["slug"]: term["count"] for term in client.get("/wp-json/wp/v2/categories").json()} == {
        "news": 1,
        "uncategorized": 1,
    }
