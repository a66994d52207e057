"""Records for `<item>` elements: the post row, its terms, meta rows and comments."""

from __future__ import annotations

from lxml import etree

from importers.wxr.errors import InvalidFieldError
from importers.wxr.nodes import TagNames, extra_name, full_text, int_text, meta_row, scalar_text, source_line
from importers.wxr.records import CommentRecord, ItemRecord, ItemTerm, Meta

# Free text is kept exactly as exported: WordPress's own importer tests require blank lines and
# surrounding whitespace of content to survive.
_ITEM_TEXT = {
    "title": "title",
    "content:encoded": "content",
    "excerpt:encoded": "excerpt",
    "wp:post_password": "post_password",
    "description": "description",
}
_ITEM_SCALARS = {
    "link": "link",
    "pubDate": "pub_date",
    "dc:creator": "creator",
    "guid": "guid",
    "wp:post_date": "post_date",
    "wp:post_date_gmt": "post_date_gmt",
    "wp:post_modified": "post_modified",
    "wp:post_modified_gmt": "post_modified_gmt",
    "wp:comment_status": "comment_status",
    "wp:ping_status": "ping_status",
    "wp:post_name": "post_name",
    "wp:status": "status",
    "wp:post_type": "post_type",
    "wp:attachment_url": "attachment_url",
}
_ITEM_INTS = {"wp:post_id": "post_id", "wp:post_parent": "post_parent", "wp:menu_order": "menu_order"}
_ITEM_STRING_FIELDS = tuple(
    field
    for field in (*_ITEM_TEXT.values(), *_ITEM_SCALARS.values())
    if field not in {"post_modified", "post_modified_gmt", "attachment_url"}
)

_COMMENT_SCALARS = {
    "wp:comment_author": "author",
    "wp:comment_author_email": "author_email",
    "wp:comment_author_url": "author_url",
    "wp:comment_author_IP": "author_ip",
    "wp:comment_date": "date",
    "wp:comment_date_gmt": "date_gmt",
    "wp:comment_approved": "approved",
    "wp:comment_type": "type",
}
_COMMENT_INTS = {"wp:comment_id": "id", "wp:comment_parent": "parent", "wp:comment_user_id": "user_id"}

# WXR 1.0 wrote tags with domain="tag"; the importer maps it to the real taxonomy name.
_TAXONOMY_ALIASES = {"tag": "post_tag"}


class _ItemChildren:
    """What an item's repeated children collect into while its element is walked."""

    __slots__ = ("comments", "extra", "ints", "meta", "terms", "texts")

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.ints: dict[str, int] = {}
        self.terms: list[ItemTerm] = []
        self.meta: list[Meta] = []
        self.comments: list[CommentRecord] = []
        self.extra: dict[str, list[str]] = {}


def item(elem: etree._Element, names: TagNames) -> ItemRecord:
    """An `<item>` record; every child is optional except `wp:post_id`."""
    found = _ItemChildren()
    is_sticky = False
    # A field given twice is read from its first element, as WordPress's SimpleXML parser reads it; the others
    # are kept with the elements nobody models.
    for child in elem:
        name = names[child.tag]
        if name in _ITEM_TEXT and _ITEM_TEXT[name] not in found.texts:
            found.texts[_ITEM_TEXT[name]] = full_text(child)
        elif name in _ITEM_SCALARS and _ITEM_SCALARS[name] not in found.texts:
            found.texts[_ITEM_SCALARS[name]] = full_text(child).strip()
        elif name in _ITEM_INTS and _ITEM_INTS[name] not in found.ints:
            found.ints[_ITEM_INTS[name]] = int_text(child, name)
        elif name == "category":
            _add_item_term(found.terms, child)
        elif name == "wp:postmeta":
            found.meta.append(meta_row(child, names))
        elif name == "wp:comment":
            found.comments.append(comment(child, names))
        elif name == "wp:is_sticky":
            # WordPress sticks the post when `1 == $post['is_sticky']`.
            is_sticky = int_text(child, name) == 1
        elif name:
            found.extra.setdefault(extra_name(child, name), []).append(full_text(child))
    return _item_record(elem, found, is_sticky)


def _item_record(elem: etree._Element, found: _ItemChildren, is_sticky: bool) -> ItemRecord:
    line = source_line(elem)
    if "post_id" not in found.ints:
        raise InvalidFieldError("item has no wp:post_id", line)
    texts = found.texts
    strings = {field: texts.get(field, "") for field in _ITEM_STRING_FIELDS}
    return ItemRecord(
        **strings,
        post_id=found.ints["post_id"],
        post_parent=found.ints.get("post_parent", 0),
        menu_order=found.ints.get("menu_order", 0),
        post_modified=texts.get("post_modified"),
        post_modified_gmt=texts.get("post_modified_gmt"),
        attachment_url=texts.get("attachment_url"),
        is_sticky=is_sticky,
        terms=found.terms,
        meta=found.meta,
        comments=found.comments,
        extra=found.extra,
        line=line,
    )


def _add_item_term(terms: list[ItemTerm], elem: etree._Element) -> None:
    # WXR 1.0 also wrote each term a second time without `nicename` for old RSS readers; the
    # WordPress importer keeps only the elements that carry a nicename.
    slug = elem.get("nicename")
    if slug is None:
        return
    domain = (elem.get("domain") or "category").strip()
    terms.append(ItemTerm(_TAXONOMY_ALIASES.get(domain, domain), slug.strip(), scalar_text(elem)))


def comment(elem: etree._Element, names: TagNames) -> CommentRecord:
    """A `wp:comment`; its content is kept as written, its meta rows in document order."""
    texts = dict.fromkeys(_COMMENT_SCALARS.values(), "")
    ints = dict.fromkeys(_COMMENT_INTS.values(), 0)
    content = ""
    meta: list[Meta] = []
    extra: dict[str, list[str]] = {}
    for child in elem:
        name = names[child.tag]
        if name in _COMMENT_SCALARS:
            texts[_COMMENT_SCALARS[name]] = scalar_text(child)
        elif name in _COMMENT_INTS:
            ints[_COMMENT_INTS[name]] = int_text(child, name)
        elif name == "wp:comment_content":
            content = full_text(child)
        elif name == "wp:commentmeta":
            meta.append(meta_row(child, names))
        elif name:
            extra.setdefault(extra_name(child, name), []).append(full_text(child))
    return CommentRecord(
        id=ints["id"],
        author=texts["author"],
        author_email=texts["author_email"],
        author_url=texts["author_url"],
        author_ip=texts["author_ip"],
        date=texts["date"],
        date_gmt=texts["date_gmt"],
        content=content,
        approved=texts["approved"],
        type=texts["type"],
        parent=ints["parent"],
        user_id=ints["user_id"],
        meta=meta,
        line=source_line(elem),
        extra=extra,
    )
