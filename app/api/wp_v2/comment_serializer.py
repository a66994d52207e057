"""One comment as ``WP_REST_Comments_Controller::prepare_item_for_response`` shapes it (WordPress 6.1)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import escape, unescape
from typing import Any
from urllib.parse import urlsplit

from app.api.wp_v2.permalinks import Site, gmt_from_local, permalink
from app.api.wp_v2.post_serializer import wp_date
from app.api.wp_v2.post_types import ROUTE_BASES
from app.api.wp_v2.user_serializer import avatar_urls, stored_name
from app.comments.models import Comment
from app.content.models import Entry
from app.content.queries import EntryRelations
from app.rendering.autop import wpautop
from app.rendering.pipeline import wptexturize
from app.rendering.typography import capital_p_dangit, convert_chars, convert_smilies

_EMBED_FIELDS = frozenset(
    {"id", "author", "author_name", "author_url", "date", "content", "link", "parent", "type", "author_avatar_urls"}
)
_LINK = re.compile(r"<a ([^>]+)>", re.IGNORECASE)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(["'])(.*?)\2""", re.DOTALL)
# comment_approved as the REST API names it (rest_get_comment_status... prepare_status_response).
_STATUS_NAMES = {"1": "approved", "approve": "approved", "0": "hold", "hold": "hold"}


@dataclass(slots=True)
class CommentPage:
    """What a page of comments refers to: their posts, permalink data and which have replies."""

    entries: dict[int, Entry] = field(default_factory=dict)
    relations: EntryRelations = field(default_factory=EntryRelations)
    parents_with_replies: set[int] = field(default_factory=set)


def rel_ugc(html: str, home: str) -> str:
    """``wp_rel_ugc`` (run on ``pre_comment_content`` when WordPress saved the comment): links off-site get
    ``rel="nofollow ugc"``, merged into an existing ``rel``."""
    home_host = (urlsplit(home).hostname or "").lower()

    def tag(match: re.Match[str]) -> str:
        text = match.group(1)
        attributes = {name.lower(): value for name, _, value in _ATTRIBUTE.findall(text)}
        href = urlsplit(attributes.get("href", ""))
        if href.scheme.lower() in ("http", "https") and (href.hostname or "").lower() == home_host:
            return match.group(0)
        if "rel" not in attributes:
            return f'<a {text} rel="nofollow ugc">'
        parts = list(dict.fromkeys([*attributes.pop("rel").strip().split(" "), "nofollow", "ugc"]))
        # wp_rel_callback rebuilds the other attributes, double-quoted and escaped.
        rebuilt = " ".join(
            f'{name}="{escape(unescape(value), quote=True).replace("&#x27;", "&#039;")}"'
            for name, value in attributes.items()
        )
        return f'<a {rebuilt} rel="{" ".join(parts)}">'

    return _LINK.sub(tag, html)


def comment_text(content: str, site: Site) -> str:
    """The ``comment_text`` filters in priority order: texturize, convert_chars, smilies, wpautop, dangit."""
    text = convert_chars(wptexturize(rel_ugc(content, site.home)))
    return capital_p_dangit(wpautop(convert_smilies(text, site.home)))


def comment_link(comment: Comment, page: CommentPage, site: Site) -> str:
    """``get_comment_link`` without comment pagination: the post's permalink and the comment anchor."""
    entry = page.entries.get(comment.entry_id)
    base = permalink(entry, site, page.relations) if entry else f"{site.home}/"
    return f"{base}#comment-{comment.id}"


def serialize_comment(comment: Comment, page: CommentPage, site: Site, context: str) -> dict[str, Any]:
    """Reader fields only: the commenter's e-mail, IP and user agent belong to ``edit``."""
    date_gmt = comment.date_gmt or gmt_from_local(site, comment.date)
    data: dict[str, Any] = {
        "id": comment.id,
        "post": comment.entry_id,
        "parent": comment.parent_id,
        "author": comment.user_id,
        "author_name": stored_name(comment.author_name),
        "author_url": comment.author_url,
        "date": wp_date(comment.date),
        "date_gmt": wp_date(date_gmt),
        "content": {"rendered": comment_text(comment.content, site)},
        "link": comment_link(comment, page, site),
        "status": _STATUS_NAMES.get(comment.status, comment.status),
        "type": comment.type or "comment",
        "author_avatar_urls": avatar_urls(comment.author_email),
        "meta": [],
        "_links": comment_links(comment, page, site),
    }
    if context == "embed":
        data = {key: value for key, value in data.items() if key in _EMBED_FIELDS or key == "_links"}
    return data


def comment_links(comment: Comment, page: CommentPage, site: Site) -> dict[str, Any]:
    """``WP_REST_Comments_Controller::prepare_links``."""
    root = f"{site.rest_root}wp/v2/"
    links: dict[str, Any] = {
        "self": [{"href": f"{root}comments/{comment.id}"}],
        "collection": [{"href": f"{root}comments"}],
    }
    if comment.user_id:
        links["author"] = [{"embeddable": True, "href": f"{root}users/{comment.user_id}"}]
    entry = page.entries.get(comment.entry_id)
    if entry is not None and entry.type in ROUTE_BASES:
        href = f"{root}{ROUTE_BASES[entry.type]}/{entry.id}"
        links["up"] = [{"embeddable": True, "post_type": entry.type, "href": href}]
    if comment.parent_id:
        links["in-reply-to"] = [{"embeddable": True, "href": f"{root}comments/{comment.parent_id}"}]
    if comment.id in page.parents_with_replies:
        links["children"] = [{"embeddable": True, "href": f"{root}comments?parent={comment.id}"}]
    return links
