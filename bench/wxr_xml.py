"""String templates for the WXR 1.2 elements, written the way WordPress's ``export_wp()`` prints them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.core.phpserial import dumps

PhpValue = None | bool | int | float | str | Sequence["PhpValue"] | Mapping[str, "PhpValue"]

_CDATA_END = "]]>"
_CDATA_END_SPLIT = "]]]]><![CDATA[>"


def cdata(value: str) -> str:
    """WordPress's ``wxr_cdata()``: wrap in CDATA, splitting every ``]]>`` into two adjacent sections."""
    return "<![CDATA[" + value.replace(_CDATA_END, _CDATA_END_SPLIT) + "]]>"


def escape_text(value: str) -> str:
    """Escape a plain (non-CDATA) text field such as the channel title or a commenter URL."""
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def escape_url(value: str) -> str:
    """``esc_url()`` as WordPress applies it to ``link`` and ``guid``: ``&`` becomes ``&#038;``."""
    return value.replace("&", "&#038;")


def php_serialize(value: PhpValue) -> str:
    """PHP ``serialize()``, by the project's own encoder (the importer decodes what it writes)."""
    return dumps(value)


def meta_rows(tag: str, meta: Sequence[tuple[str, str]], indent: str = "\t\t") -> str:
    """``wp:postmeta`` / ``wp:commentmeta`` / ``wp:termmeta`` rows, key and value both CDATA."""
    return "".join(
        f"{indent}<wp:{tag}>\n{indent}\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
        f"{indent}\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n{indent}</wp:{tag}>\n"
        for key, value in meta
    )


def document_head(*, title: str, site_url: str, created: str, pub_date: str) -> str:
    """The XML declaration, generator comment, namespaces and channel metadata."""
    return (
        '<?xml version="1.0" encoding="UTF-8" ?>\n'
        f'<!-- generator="WordPress/6.8.3" created="{created}" -->\n'
        '<rss version="2.0"\n\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"\n'
        '\txmlns:content="http://purl.org/rss/1.0/modules/content/"\n'
        '\txmlns:wfw="http://wellformedweb.org/CommentAPI/"\n'
        '\txmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '\txmlns:wp="http://wordpress.org/export/1.2/"\n>\n\n<channel>\n'
        f"\t<title>{escape_text(title)}</title>\n\t<link>{site_url}</link>\n"
        "\t<description>Synthetic export for the import benchmark</description>\n"
        f"\t<pubDate>{pub_date}</pubDate>\n\t<language>en-US</language>\n"
        "\t<wp:wxr_version>1.2</wp:wxr_version>\n"
        f"\t<wp:base_site_url>{site_url}</wp:base_site_url>\n"
        f"\t<wp:base_blog_url>{site_url}</wp:base_blog_url>\n\n"
    )


def document_tail() -> str:
    """Close the channel and the feed."""
    return "</channel>\n</rss>\n"


def author_xml(author_id: int, login: str, display_name: str) -> str:
    """One ``wp:author`` entry (listed for every author of an exported post)."""
    first, _, last = display_name.partition(" ")
    return (
        f"\t<wp:author><wp:author_id>{author_id}</wp:author_id>"
        f"<wp:author_login>{cdata(login)}</wp:author_login>"
        f"<wp:author_email>{cdata(login + '@bench.example')}</wp:author_email>"
        f"<wp:author_display_name>{cdata(display_name)}</wp:author_display_name>"
        f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
        f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>\n\n"
    )


@dataclass(frozen=True, slots=True)
class TermRecord:
    """A channel-level term; ``parent`` is the parent's slug as ``wxr_cat_name`` and friends write it."""

    term_id: int
    taxonomy: str
    slug: str
    name: str
    parent: str = ""
    description: str = ""
    meta: tuple[tuple[str, str], ...] = ()


def term_xml(term: TermRecord) -> str:
    """``wp:category``, ``wp:tag`` or ``wp:term`` depending on the taxonomy, as ``export_wp()`` picks."""
    description = term.description
    if term.taxonomy == "category":
        body = (
            f"<wp:category_nicename>{cdata(term.slug)}</wp:category_nicename>"
            f"<wp:category_parent>{cdata(term.parent)}</wp:category_parent>"
            f"<wp:cat_name>{cdata(term.name)}</wp:cat_name>"
        )
        body += f"<wp:category_description>{cdata(description)}</wp:category_description>" if description else ""
        return _term_element("category", term, body)
    if term.taxonomy == "post_tag":
        body = f"<wp:tag_slug>{cdata(term.slug)}</wp:tag_slug><wp:tag_name>{cdata(term.name)}</wp:tag_name>"
        body += f"<wp:tag_description>{cdata(description)}</wp:tag_description>" if description else ""
        return _term_element("tag", term, body)
    if term.taxonomy == "nav_menu":
        # wxr_nav_menu_terms() prints only id, taxonomy, slug and name for menus.
        body = (
            "<wp:term_taxonomy>nav_menu</wp:term_taxonomy>"
            f"<wp:term_slug>{cdata(term.slug)}</wp:term_slug><wp:term_name>{cdata(term.name)}</wp:term_name>"
        )
        return _term_element("term", term, body)
    body = (
        f"<wp:term_taxonomy>{cdata(term.taxonomy)}</wp:term_taxonomy>"
        f"<wp:term_slug>{cdata(term.slug)}</wp:term_slug><wp:term_parent>{cdata(term.parent)}</wp:term_parent>"
        f"<wp:term_name>{cdata(term.name)}</wp:term_name>"
    )
    body += f"<wp:term_description>{cdata(description)}</wp:term_description>" if description else ""
    return _term_element("term", term, body)


def _term_element(tag: str, term: TermRecord, body: str) -> str:
    meta = meta_rows("termmeta", term.meta) if term.meta else ""
    return f"\t<wp:{tag}>\n\t\t<wp:term_id>{term.term_id}</wp:term_id>{body}\n{meta}\t</wp:{tag}>\n"


@dataclass(slots=True)
class CommentRecord:
    """One ``wp:comment`` with its comment meta."""

    comment_id: int
    author: str
    author_email: str
    author_url: str
    date: str
    date_gmt: str
    content: str
    parent: int = 0
    user_id: int = 0
    approved: str = "1"
    comment_type: str = "comment"
    meta: list[tuple[str, str]] | None = None


@dataclass(slots=True)
class ItemRecord:
    """Every field ``export_wp()`` prints for one post, in the shape of a ``wp_posts`` row."""

    post_id: int
    post_type: str
    title: str
    slug: str
    status: str
    creator: str
    content: str
    post_date: str
    post_date_gmt: str
    pub_date: str
    link: str
    guid: str
    excerpt: str = ""
    parent: int = 0
    menu_order: int = 0
    comment_status: str = "closed"
    ping_status: str = "closed"
    password: str = ""
    is_sticky: bool = False
    attachment_url: str = ""
    terms: list[tuple[str, str, str]] | None = None
    meta: list[tuple[str, str]] | None = None
    comments: list[CommentRecord] | None = None


def item_xml(item: ItemRecord) -> str:
    """One ``<item>`` element in current core order (title … postmeta, comments)."""
    attachment = (
        f"\t\t<wp:attachment_url>{cdata(item.attachment_url)}</wp:attachment_url>\n" if item.attachment_url else ""
    )
    return (
        f"\t<item>\n\t\t<title>{cdata(item.title)}</title>\n\t\t<link>{escape_url(item.link)}</link>\n"
        f"\t\t<pubDate>{item.pub_date}</pubDate>\n\t\t<dc:creator>{cdata(item.creator)}</dc:creator>\n"
        f'\t\t<guid isPermaLink="false">{escape_url(item.guid)}</guid>\n\t\t<description></description>\n'
        f"\t\t<content:encoded>{cdata(item.content)}</content:encoded>\n"
        f"\t\t<excerpt:encoded>{cdata(item.excerpt)}</excerpt:encoded>\n"
        f"\t\t<wp:post_id>{item.post_id}</wp:post_id>\n"
        f"\t\t<wp:post_date>{cdata(item.post_date)}</wp:post_date>\n"
        f"\t\t<wp:post_date_gmt>{cdata(item.post_date_gmt)}</wp:post_date_gmt>\n"
        f"\t\t<wp:post_modified>{cdata(item.post_date)}</wp:post_modified>\n"
        f"\t\t<wp:post_modified_gmt>{cdata(item.post_date_gmt)}</wp:post_modified_gmt>\n"
        f"\t\t<wp:comment_status>{cdata(item.comment_status)}</wp:comment_status>\n"
        f"\t\t<wp:ping_status>{cdata(item.ping_status)}</wp:ping_status>\n"
        f"\t\t<wp:post_name>{cdata(item.slug)}</wp:post_name>\n\t\t<wp:status>{cdata(item.status)}</wp:status>\n"
        f"\t\t<wp:post_parent>{item.parent}</wp:post_parent>\n\t\t<wp:menu_order>{item.menu_order}</wp:menu_order>\n"
        f"\t\t<wp:post_type>{cdata(item.post_type)}</wp:post_type>\n"
        f"\t\t<wp:post_password>{cdata(item.password)}</wp:post_password>\n"
        f"\t\t<wp:is_sticky>{int(item.is_sticky)}</wp:is_sticky>\n{attachment}"
        + "".join(
            f'\t\t<category domain="{domain}" nicename="{slug}">{cdata(name)}</category>\n'
            for domain, slug, name in item.terms or ()
        )
        + meta_rows("postmeta", item.meta or ())
        + "".join(_comment_xml(comment) for comment in item.comments or ())
        + "\t</item>\n"
    )


def _comment_xml(comment: CommentRecord) -> str:
    # comment_author_url goes through sanitize_url(), not wxr_cdata(), so it is plain escaped text.
    return (
        f"\t\t<wp:comment>\n\t\t\t<wp:comment_id>{comment.comment_id}</wp:comment_id>\n"
        f"\t\t\t<wp:comment_author>{cdata(comment.author)}</wp:comment_author>\n"
        f"\t\t\t<wp:comment_author_email>{cdata(comment.author_email)}</wp:comment_author_email>\n"
        f"\t\t\t<wp:comment_author_url>{escape_text(comment.author_url)}</wp:comment_author_url>\n"
        f"\t\t\t<wp:comment_author_IP>{cdata('192.0.2.' + str(comment.comment_id % 250 + 1))}</wp:comment_author_IP>\n"
        f"\t\t\t<wp:comment_date>{cdata(comment.date)}</wp:comment_date>\n"
        f"\t\t\t<wp:comment_date_gmt>{cdata(comment.date_gmt)}</wp:comment_date_gmt>\n"
        f"\t\t\t<wp:comment_content>{cdata(comment.content)}</wp:comment_content>\n"
        f"\t\t\t<wp:comment_approved>{cdata(comment.approved)}</wp:comment_approved>\n"
        f"\t\t\t<wp:comment_type>{cdata(comment.comment_type)}</wp:comment_type>\n"
        f"\t\t\t<wp:comment_parent>{comment.parent}</wp:comment_parent>\n"
        f"\t\t\t<wp:comment_user_id>{comment.user_id}</wp:comment_user_id>\n"
        + meta_rows("commentmeta", comment.meta or (), "\t\t\t")
        + "\t\t</wp:comment>\n"
    )
