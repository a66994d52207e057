"""Hand-made WXR exports for import tests: an item with any field, meta, terms and comments."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from xml.sax.saxutils import escape

from tests.importers.wxr.wxr_documents import wxr_document


def cdata(value: str) -> str:
    """CDATA as WordPress's ``wxr_cdata`` writes it: ``]]>`` split across two sections."""
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def meta(key: str, value: str, element: str = "wp:postmeta") -> str:
    return (
        f"<{element}><wp:meta_key>{cdata(key)}</wp:meta_key><wp:meta_value>{cdata(value)}</wp:meta_value></{element}>"
    )


def author(author_id: int, login: str, *, email: str = "", display: str = "") -> str:
    return (
        f"<wp:author><wp:author_id>{author_id}</wp:author_id><wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(email or login + '@example.org')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(display or login.title())}</wp:author_display_name>"
        "<wp:author_first_name><![CDATA[]]></wp:author_first_name>"
        "<wp:author_last_name><![CDATA[]]></wp:author_last_name></wp:author>\n"
    )


def category(term_id: int, slug: str, *, parent: str = "", name: str = "", termmeta: Sequence[str] = ()) -> str:
    return (
        f"<wp:category><wp:term_id>{term_id}</wp:term_id><wp:category_nicename>{cdata(slug)}</wp:category_nicename>"
        f"<wp:category_parent>{cdata(parent)}</wp:category_parent><wp:cat_name>{cdata(name or slug.title())}"
        f"</wp:cat_name>{''.join(termmeta)}</wp:category>\n"
    )


def term(term_id: int, taxonomy: str, slug: str, *, parent: str = "", name: str = "") -> str:
    return (
        f"<wp:term><wp:term_id>{term_id}</wp:term_id><wp:term_taxonomy>{cdata(taxonomy)}</wp:term_taxonomy>"
        f"<wp:term_slug>{cdata(slug)}</wp:term_slug><wp:term_parent>{cdata(parent)}</wp:term_parent>"
        f"<wp:term_name>{cdata(name or slug.title())}</wp:term_name></wp:term>\n"
    )


def comment(
    comment_id: int, *, parent: int = 0, approved: str = "1", content: str = "Hi", metas: str = "", user_id: int = 0
) -> str:
    return (
        f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>{cdata('Ann')}"
        f"</wp:comment_author><wp:comment_author_email>{cdata('ann@example.org')}</wp:comment_author_email>"
        "<wp:comment_author_url>https://ann.example.org/</wp:comment_author_url>"
        "<wp:comment_author_IP><![CDATA[127.0.0.1]]></wp:comment_author_IP>"
        "<wp:comment_date><![CDATA[2024-03-02 10:00:00]]></wp:comment_date>"
        "<wp:comment_date_gmt><![CDATA[2024-03-02 09:00:00]]></wp:comment_date_gmt>"
        f"<wp:comment_content>{cdata(content)}</wp:comment_content>"
        f"<wp:comment_approved>{cdata(approved)}</wp:comment_approved><wp:comment_type><![CDATA[comment]]>"
        f"</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent><wp:comment_user_id>{user_id}"
        f"</wp:comment_user_id>{metas}</wp:comment>\n"
    )


def item(
    post_id: int,
    *,
    post_type: str = "post",
    title: str = "",
    slug: str = "",
    content: str = "",
    excerpt: str = "",
    status: str = "publish",
    parent: int = 0,
    menu_order: int = 0,
    creator: str = "admin",
    password: str = "",
    sticky: bool = False,
    date: str = "2024-03-01 13:00:00",
    date_gmt: str = "2024-03-01 12:00:00",
    attachment_url: str = "",
    categories: Sequence[tuple[str, str, str]] = (),
    metas: Sequence[str] = (),
    comments: Sequence[str] = (),
    link: str = "",
) -> str:
    """One ``<item>``; ``categories`` are (domain, nicename, name)."""
    slug = slug or f"{post_type}-{post_id}"
    link = link or f"https://example.com/{slug}/"
    terms = "".join(
        f'<category domain="{domain}" nicename="{escape(nicename)}">{cdata(name)}</category>'
        for domain, nicename, name in categories
    )
    attachment = f"<wp:attachment_url>{cdata(attachment_url)}</wp:attachment_url>" if attachment_url else ""
    return (
        f"<item><title>{cdata(title or f'Item {post_id}')}</title><link>{escape(link)}</link>"
        f"<pubDate>Fri, 01 Mar 2024 12:00:00 +0000</pubDate><dc:creator>{cdata(creator)}</dc:creator>"
        f'<guid isPermaLink="false">https://example.com/?p={post_id}</guid><description></description>'
        f"<content:encoded>{cdata(content)}</content:encoded><excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>"
        f"<wp:post_id>{post_id}</wp:post_id><wp:post_date>{cdata(date)}</wp:post_date>"
        f"<wp:post_date_gmt>{cdata(date_gmt)}</wp:post_date_gmt>"
        "<wp:comment_status><![CDATA[open]]></wp:comment_status><wp:ping_status><![CDATA[open]]></wp:ping_status>"
        f"<wp:post_name>{cdata(slug)}</wp:post_name><wp:status>{cdata(status)}</wp:status>"
        f"<wp:post_parent>{parent}</wp:post_parent><wp:menu_order>{menu_order}</wp:menu_order>"
        f"<wp:post_type>{cdata(post_type)}</wp:post_type><wp:post_password>{cdata(password)}</wp:post_password>"
        f"<wp:is_sticky>{int(sticky)}</wp:is_sticky>{attachment}{terms}{''.join(metas)}{''.join(comments)}</item>\n"
    )


def export(directory: Path, *parts: str, name: str = "export.xml", header: str | None = None) -> Path:
    """Write a WXR 1.2 file of ``parts`` (authors, terms, items) with the admin author first."""
    body = author(1, "admin") + "".join(parts)
    path = directory / name
    path.write_bytes(wxr_document(body, header=header).encode("utf-8"))
    return path
