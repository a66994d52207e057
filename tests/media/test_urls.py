"""Media URLs, and rewriting links to the old site's uploads in HTML, block JSON, CSS and prose."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from app.media.urls import media_url, rewrite_upload_urls, uploads_url_pattern

OLD = ["https://hub.example.org"]
NEW = "https://cms.example.net"
NEW_UPLOADS = f"{NEW}/wp-content/uploads"


def rewrite(text: str, known_files: Callable[[str], bool] | None = None) -> str:
    return rewrite_upload_urls(text, old_base_urls=OLD, site_url=NEW, known_files=known_files)


def test_media_url_is_shaped_like_wordpress_uploads() -> None:
    assert media_url("https://cms.example.net/", "2024/03/beach.jpg") == f"{NEW_UPLOADS}/2024/03/beach.jpg"


def test_media_url_quotes_unsafe_characters() -> None:
    url = media_url(NEW, "2024/03/café menu #2?.pdf")

    assert url == f"{NEW_UPLOADS}/2024/03/caf%C3%A9%20menu%20%232%3F.pdf"


def test_media_url_keeps_a_site_in_a_subfolder() -> None:
    assert media_url("https://example.net/blog", "a.jpg") == "https://example.net/blog/wp-content/uploads/a.jpg"


def test_html_attributes_are_rewritten() -> None:
    html = '<a href="https://hub.example.org/wp-content/uploads/2021/05/report.pdf">Report</a>'

    assert rewrite(html) == f'<a href="{NEW_UPLOADS}/2021/05/report.pdf">Report</a>'


def test_every_url_of_a_srcset_list_is_rewritten() -> None:
    html = (
        "<img src='https://hub.example.org/wp-content/uploads/2024/03/a-1024x683.jpg' "
        "srcset='https://hub.example.org/wp-content/uploads/2024/03/a-1024x683.jpg 1024w, "
        "https://hub.example.org/wp-content/uploads/2024/03/a-300x200.jpg 300w,"
        "https://hub.example.org/wp-content/uploads/2024/03/a-150x150.jpg 150w'>"
    )

    assert rewrite(html) == (
        f"<img src='{NEW_UPLOADS}/2024/03/a-1024x683.jpg' "
        f"srcset='{NEW_UPLOADS}/2024/03/a-1024x683.jpg 1024w, "
        f"{NEW_UPLOADS}/2024/03/a-300x200.jpg 300w,"
        f"{NEW_UPLOADS}/2024/03/a-150x150.jpg 150w'>"
    )


def test_block_json_with_escaped_slashes_stays_escaped_and_valid() -> None:
    attributes = json.dumps({"id": 12, "url": "https://hub.example.org/wp-content/uploads/2024/03/café.jpg"})
    escaped = attributes.replace("/", "\\/")
    comment = f"<!-- wp:image {escaped} -->"

    rewritten = rewrite(comment)

    new_attributes = json.loads(rewritten.removeprefix("<!-- wp:image ").removesuffix(" -->"))
    assert new_attributes == {"id": 12, "url": f"{NEW_UPLOADS}/2024/03/caf%C3%A9.jpg"}
    assert "https:\\/\\/cms.example.net\\/wp-content\\/uploads\\/" in rewritten


def test_block_json_with_plain_slashes_is_rewritten() -> None:
    comment = '<!-- wp:file {"href":"https://hub.example.org/wp-content/uploads/2020/01/a.pdf"} -->'

    assert rewrite(comment) == f'<!-- wp:file {{"href":"{NEW_UPLOADS}/2020/01/a.pdf"}} -->'


@pytest.mark.parametrize("quote", ["", "'", '"'])
def test_css_url_values_are_rewritten(quote: str) -> None:
    css = f".hero{{background:url({quote}https://hub.example.org/wp-content/uploads/2019/02/bg.png{quote}) no-repeat}}"

    assert rewrite(css) == f".hero{{background:url({quote}{NEW_UPLOADS}/2019/02/bg.png{quote}) no-repeat}}"


@pytest.mark.parametrize(
    "old_url",
    [
        "http://hub.example.org",
        "https://hub.example.org",
        "http://www.hub.example.org",
        "https://www.hub.example.org",
        "HTTPS://Hub.Example.ORG",
        "//hub.example.org",
        "//www.hub.example.org",
    ],
)
def test_scheme_and_www_variants_are_all_rewritten(old_url: str) -> None:
    assert rewrite(f'<img src="{old_url}/wp-content/uploads/a.jpg">') == f'<img src="{NEW_UPLOADS}/a.jpg">'


def test_a_base_url_given_with_www_also_matches_without_it() -> None:
    text = "http://example.org/wp-content/uploads/a.jpg"

    assert rewrite_upload_urls(text, old_base_urls=["https://www.example.org/"], site_url=NEW) == f"{NEW_UPLOADS}/a.jpg"


@pytest.mark.parametrize(
    "text",
    [
        '<a href="#gallery">Gallery</a>',
        '<a href="#wp-content/uploads/a.jpg">x</a>',
        '<img src="https://other.example.com/wp-content/uploads/a.jpg">',
        '<img src="https://sub.hub.example.org/wp-content/uploads/a.jpg">',
        '<img src="https://hub.example.org.attacker.test/wp-content/uploads/a.jpg">',
        '<img src="https://evilhub.example.org/wp-content/uploads/a.jpg">',
        '<img src="ftp://hub.example.org/wp-content/uploads/a.jpg">',
        '<a href="https://hub.example.org/wp-content/themes/x/a.jpg">theme file</a>',
        '<a href="https://hub.example.org/2024/03/post/">a post</a>',
        '<a href="/wp-content/uploads/a.jpg">relative</a>',
    ],
)
def test_fragments_other_hosts_and_other_paths_are_untouched(text: str) -> None:
    assert rewrite(text) == text


def test_query_and_fragment_after_the_file_are_kept() -> None:
    text = (
        "https://hub.example.org/wp-content/uploads/a.pdf#page=2 https://hub.example.org/wp-content/uploads/b.jpg?v=3"
    )

    assert rewrite(text) == f"{NEW_UPLOADS}/a.pdf#page=2 {NEW_UPLOADS}/b.jpg?v=3"


def test_plain_text_keeps_its_punctuation() -> None:
    text = "Download it (https://hub.example.org/wp-content/uploads/a.pdf). Or https://hub.example.org/wp-content/uploads/b.pdf."

    assert rewrite(text) == f"Download it ({NEW_UPLOADS}/a.pdf). Or {NEW_UPLOADS}/b.pdf."


def test_percent_encoded_paths_are_normalised() -> None:
    text = '<img src="https://hub.example.org/wp-content/uploads/2024/03/caf%c3%a9.jpg">'

    assert rewrite(text) == f'<img src="{NEW_UPLOADS}/2024/03/caf%C3%A9.jpg">'


def test_known_files_decides_which_paths_are_rewritten() -> None:
    text = "https://hub.example.org/wp-content/uploads/2024/03/caf%C3%A9.jpg https://hub.example.org/wp-content/uploads/gone.jpg"
    asked: list[str] = []

    def known(path: str) -> bool:
        asked.append(path)
        return path == "2024/03/café.jpg"

    assert rewrite(text, known_files=known) == (
        f"{NEW_UPLOADS}/2024/03/caf%C3%A9.jpg https://hub.example.org/wp-content/uploads/gone.jpg"
    )
    assert asked == ["2024/03/café.jpg", "gone.jpg"]


def test_paths_climbing_out_of_uploads_are_not_rewritten() -> None:
    text = "https://hub.example.org/wp-content/uploads/../../wp-config.php"

    assert rewrite(text) == text


def test_several_old_sites_and_a_site_in_a_subfolder() -> None:
    text = "http://127.0.0.1:8083/wp-content/uploads/a.jpg https://example.org/blog/wp-content/uploads/b.jpg"
    old = ["http://127.0.0.1:8083", "https://example.org/blog/"]

    assert rewrite_upload_urls(text, old_base_urls=old, site_url=NEW) == f"{NEW_UPLOADS}/a.jpg {NEW_UPLOADS}/b.jpg"


def test_a_port_must_match_the_old_base_url() -> None:
    text = "http://127.0.0.1:9999/wp-content/uploads/a.jpg"

    assert rewrite_upload_urls(text, old_base_urls=["http://127.0.0.1:8083"], site_url=NEW) == text


def test_the_pattern_captures_the_path() -> None:
    match = uploads_url_pattern(OLD).search('src="https://hub.example.org/wp-content/uploads/2024/03/a.jpg"')

    assert match is not None
    assert match.group("path") == "2024/03/a.jpg"


def test_no_old_base_urls_match_nothing() -> None:
    text = "https://hub.example.org/wp-content/uploads/a.jpg"

    assert uploads_url_pattern([]).search(text) is None
    assert uploads_url_pattern(["", "  "]).search(text) is None
