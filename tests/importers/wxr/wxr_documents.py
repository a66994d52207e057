"""Small WXR documents built in tests: a channel header around whatever items and terms a test needs."""

from __future__ import annotations

from pathlib import Path

from tests.shared import SHARED

DATA = Path(__file__).resolve().parent / "data"
SHARED_FIXTURES = SHARED / "fixtures"


def wxr_document(body: str, *, version: str = "1.2", scheme: str = "http", header: str | None = None) -> str:
    """A complete WXR file whose channel holds the standard header then `body`."""
    if header is None:
        header = (
            "<title>Example</title>\n<link>https://example.com</link>\n"
            "<description>Just another site</description>\n"
            "<pubDate>Sat, 01 Feb 2025 10:30:00 +0000</pubDate>\n<language>en-US</language>\n"
            f"<wp:wxr_version>{version}</wp:wxr_version>\n"
            "<wp:base_site_url>https://example.com</wp:base_site_url>\n"
            "<wp:base_blog_url>https://example.com/blog</wp:base_blog_url>\n"
        )
    wp = f"{scheme}://wordpress.org/export/{version}/"
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        '<!-- generator="WordPress/6.8.3" created="2025-02-01 10:30" -->\n'
        f'<rss version="2.0" xmlns:excerpt="{wp}excerpt/"\n'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        f' xmlns:wp="{wp}">\n<channel>\n{header}{body}</channel>\n</rss>\n'
    )


def item_xml(post_id: int | str = 1, *, title: str = "Hello", extra: str = "", post_type: str = "post") -> str:
    """An `<item>` with the core fields; `extra` is appended inside it."""
    return (
        f"<item>\n<title><![CDATA[{title}]]></title>\n<link>https://example.com/?p={post_id}</link>\n"
        "<pubDate>Fri, 01 Mar 2024 12:00:00 +0000</pubDate>\n<dc:creator><![CDATA[admin]]></dc:creator>\n"
        f'<guid isPermaLink="false">https://example.com/?p={post_id}</guid>\n<description></description>\n'
        "<content:encoded><![CDATA[Body]]></content:encoded>\n<excerpt:encoded><![CDATA[]]></excerpt:encoded>\n"
        f"<wp:post_id>{post_id}</wp:post_id>\n<wp:post_date><![CDATA[2024-03-01 13:00:00]]></wp:post_date>\n"
        "<wp:post_date_gmt><![CDATA[2024-03-01 12:00:00]]></wp:post_date_gmt>\n"
        "<wp:comment_status><![CDATA[open]]></wp:comment_status>\n"
        "<wp:ping_status><![CDATA[open]]></wp:ping_status>\n<wp:post_name><![CDATA[hello]]></wp:post_name>\n"
        "<wp:status><![CDATA[publish]]></wp:status>\n<wp:post_parent>0</wp:post_parent>\n"
        f"<wp:menu_order>0</wp:menu_order>\n<wp:post_type><![CDATA[{post_type}]]></wp:post_type>\n"
        f"<wp:post_password><![CDATA[]]></wp:post_password>\n<wp:is_sticky>0</wp:is_sticky>\n{extra}</item>\n"
    )


def write_wxr(directory: Path, text: str, name: str = "export.xml") -> Path:
    """Writes the document byte for byte (no newline translation, so CRLF stays CRLF)."""
    path = directory / name
    path.write_bytes(text.encode("utf-8"))
    return path
