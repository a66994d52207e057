"""An independent check that an import kept a WXR file whole: every item, field, term, meta row, comment, author.

The file is read here with lxml directly, never through ``importers.wxr``, and what WordPress would have stored
for each record is compared with the database row by row, in both directions: everything in the file must be
in the database, and nothing may be in the database that the file (or a documented derivation) does not explain.

Where Vellum stores a value differently from the file on purpose, the comparison applies that transformation
to the file's value first; each one is listed in INTENDED with the reason.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from lxml import etree
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.core.slugs import sanitize_title

# Differences between the file and the database that are Vellum's (or WordPress's) rules, not losses.
INTENDED = {
    "slug": "post_name and term slugs are stored as WordPress's sanitize_title() leaves them (lower case, "
    "accents removed, other non-ASCII percent-encoded, dashes for spaces); WordPress's exports already hold them so; "
    "a slug longer than WordPress's 200 characters is kept whole: it is the old site's URL",
    "slug_from_title": "an item without a slug that WordPress would not leave without one (any status but draft, "
    "pending, auto-draft) gets its title's slug, else its ID, as wp_insert_post() gives it",
    "meta_key": "meta keys are stored trimmed: WordPress's exports never pad them, pretty-printing tools do, and a "
    "padded key is one no code finds",
    "uploads_url": "with --uploads-dir, links to the old site's uploads in content and excerpt point at "
    "Vellum's copies of the files (compared with both sides' uploads prefixes normalised)",
    "default_category": "a post with no category gets the site's default category (Uncategorized), "
    "as wp_insert_post() gives it",
    "item_terms": "terms an item names that the channel does not declare are created from the item "
    "(name and slug), as WordPress's importer creates them",
    "modified": "an item without wp:post_modified (exports before WordPress 5.7) is stored with its post "
    "date as modified, as wp_insert_post() sets it",
    "term_name": "a term exported without a name is named by its slug (WordPress cannot store a nameless term)",
    "display_name": "an author without a display name is shown by login, as wp_insert_user() does",
    "wxr10_users": "WXR 1.0 has no wp:author list: each dc:creator becomes a user, login made from the name",
    "duplicate_ids": "an item or comment repeating an ID the export already used gets a new ID, "
    "as WordPress gives it; matched through the import's own records",
    "creator_login": "an item's dc:creator is looked up as WordPress's importer does, through sanitize_user() "
    "(stray characters such as '>' dropped)",
    "guid": "the guid is stored trimmed, as esc_url_raw() (WordPress's pre_post_guid filter) leaves it",
    "line_ends": "CR LF and CR are kept as the file has them (an XML parser, WordPress's too, turns them into LF, "
    "which breaks the lengths in serialized PHP); compared after the same end-of-line handling",
    "creator_fallback": "a dc:creator naming no login is matched by display name, then as a login in lower case "
    "(WordPress's importer would give the item to whoever runs the import)",
    "tag_domain": "an item's <category domain=\"tag\"> (WXR 1.0) is a post_tag, as WordPress's importer reads it",
    "nicename_only": "an item's <category> without a nicename attribute (WXR 1.0 duplicates) is ignored, "
    "as WordPress's importer ignores it",
}

_NS_KIND = [
    (re.compile(r"^https?://wordpress\.org/export/[0-9.]+/excerpt/?$"), "excerpt"),
    (re.compile(r"^https?://wordpress\.org/export/[0-9.]+/?$"), "wp"),
    (re.compile(r"^http://purl\.org/rss/1\.0/modules/content/?$"), "content"),
    (re.compile(r"^http://purl\.org/dc/elements/1\.1/?$"), "dc"),
]


def _kind_of(namespace: str | None) -> str:
    if not namespace:
        return ""
    for pattern, kind in _NS_KIND:
        if pattern.match(namespace):
            return kind
    return namespace


def _name(element: Any) -> str:
    qname = etree.QName(element)
    kind = _kind_of(qname.namespace)
    return f"{kind}:{qname.localname}" if kind else qname.localname


def _text(element: Any) -> str:
    return "" if element is None else "".join(element.itertext())


@dataclass
class Node:
    """An element's children by prefixed name (first of each), in document order, with their text."""

    element: Any

    def children(self, name: str) -> list[Any]:
        return [child for child in self.element if isinstance(child.tag, str) and _name(child) == name]

    def get(self, name: str) -> str | None:
        found = self.children(name)
        return _text(found[0]) if found else None

    def text(self, name: str) -> str:
        return self.get(name) or ""

    def integer(self, name: str) -> int:
        value = (self.get(name) or "").strip()
        return int(value) if re.fullmatch(r"-?\d+", value) else 0

    def meta(self, element_name: str) -> list[tuple[str, str]]:
        rows = []
        for row in self.children(element_name):
            node = Node(row)
            rows.append((node.text("wp:meta_key").strip(), node.text("wp:meta_value")))  # "meta_key"
        return rows


@dataclass
class ExportComment:
    wp_id: int
    fields: dict[str, Any]
    parent: int
    user_id: int
    meta: list[tuple[str, str]]
    unknown: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ExportItem:
    wp_id: int
    line: int
    fields: dict[str, Any]
    creator: str
    terms: list[tuple[str, str, str]]  # taxonomy, slug, name
    meta: list[tuple[str, str]]
    comments: list[ExportComment]
    has_modified: bool
    attachment_url: str | None = None
    # Children WXR does not define, by the name the file gives them: kept for a later export.
    unknown: dict[str, list[str]] = field(default_factory=dict)
    pub_date: str = ""


@dataclass
class ExportTerm:
    element: str
    wp_id: int | None
    taxonomy: str
    slug: str
    name: str
    parent: str
    description: str
    meta: list[tuple[str, str]]
    unknown: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class ExportAuthor:
    wp_id: int | None
    login: str
    email: str
    display_name: str
    first_name: str
    last_name: str
    unknown: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Export:
    version: str
    base_urls: list[str]
    authors: list[ExportAuthor]
    terms: list[ExportTerm]
    items: list[ExportItem]


def read_export(path: Path) -> Export:
    """The file as WordPress's importer reads it (SimpleXML parser), without any of Vellum's code."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    channel = Node(etree.parse(str(path), parser).getroot().find("channel"))
    version = channel.text("wp:wxr_version").strip()
    bases = [channel.text(name).strip() for name in ("wp:base_site_url", "wp:base_blog_url", "link")]
    export = Export(version=version, base_urls=[url for url in bases if url], authors=[], terms=[], items=[])
    for child in channel.element:
        if not isinstance(child.tag, str):
            continue
        name = _name(child)
        node = Node(child)
        if name == "wp:author":
            export.authors.append(_author(node))
        elif name in ("wp:category", "wp:tag", "wp:term"):
            export.terms.append(_term(name, node))
        elif name == "item":
            export.items.append(_item(node))
    return export


def _optional_id(node: Node, name: str) -> int | None:
    value = (node.get(name) or "").strip()
    return int(value) if value.isdigit() else None


def _author(node: Node) -> ExportAuthor:
    return ExportAuthor(
        wp_id=_optional_id(node, "wp:author_id"),
        login=node.text("wp:author_login"),
        email=node.text("wp:author_email"),
        display_name=node.text("wp:author_display_name"),
        first_name=node.text("wp:author_first_name"),
        last_name=node.text("wp:author_last_name"),
        unknown=_unknown_children(node, AUTHOR_ELEMENTS),
    )


def _term(element: str, node: Node) -> ExportTerm:
    if element == "wp:category":
        taxonomy, slug, parent = "category", "wp:category_nicename", "wp:category_parent"
        name, description, kind = "wp:cat_name", "wp:category_description", ""
    elif element == "wp:tag":
        taxonomy, slug, parent, name, description = "post_tag", "wp:tag_slug", "", "wp:tag_name", "wp:tag_description"
        kind = ""
    else:
        taxonomy = node.text("wp:term_taxonomy")
        slug, parent, name, description = "wp:term_slug", "wp:term_parent", "wp:term_name", "wp:term_description"
        kind = "wp:term_taxonomy"
    return ExportTerm(
        element=element,
        wp_id=_optional_id(node, "wp:term_id"),
        taxonomy=taxonomy,
        slug=node.text(slug),
        name=node.text(name),
        parent=node.text(parent) if parent else "",
        description=node.text(description),
        meta=node.meta("wp:termmeta"),
        unknown=_unknown_children(
            node, frozenset({"wp:term_id", "wp:termmeta", slug, name, description, parent, kind})
        ),
    )


def _item(node: Node) -> ExportItem:
    fields = {
        "type": node.text("wp:post_type"),
        "status": node.text("wp:status"),
        "title": node.text("title"),
        "content": node.text("content:encoded"),
        "excerpt": node.text("excerpt:encoded"),
        "slug": node.text("wp:post_name"),
        "date": node.text("wp:post_date"),
        "date_gmt": node.text("wp:post_date_gmt"),
        "modified": node.get("wp:post_modified"),
        "modified_gmt": node.get("wp:post_modified_gmt"),
        "parent_id": node.integer("wp:post_parent"),
        "menu_order": node.integer("wp:menu_order"),
        "password": node.text("wp:post_password"),
        "comment_status": node.text("wp:comment_status"),
        "ping_status": node.text("wp:ping_status"),
        "guid": node.text("guid"),
        "link": node.text("link"),
        "is_sticky": node.integer("wp:is_sticky") == 1,
    }
    terms = []
    for category in node.children("category"):
        nicename = category.get("nicename")
        domain = category.get("domain")
        if nicename is None or domain is None:
            continue  # WordPress's importer reads only <category> with both attributes ("nicename_only")
        terms.append(("post_tag" if domain == "tag" else domain, nicename, _text(category)))
    comments = []
    for element in node.children("wp:comment"):
        comment = Node(element)
        comments.append(
            ExportComment(
                wp_id=comment.integer("wp:comment_id"),
                fields={
                    "author_name": comment.text("wp:comment_author"),
                    "author_email": comment.text("wp:comment_author_email"),
                    "author_url": comment.text("wp:comment_author_url"),
                    "author_ip": comment.text("wp:comment_author_IP"),
                    "date": comment.text("wp:comment_date"),
                    "date_gmt": comment.text("wp:comment_date_gmt"),
                    "content": comment.text("wp:comment_content"),
                    "status": comment.text("wp:comment_approved"),
                    "type": comment.text("wp:comment_type"),
                },
                parent=comment.integer("wp:comment_parent"),
                user_id=comment.integer("wp:comment_user_id"),
                meta=comment.meta("wp:commentmeta"),
                unknown=_unknown_children(comment, COMMENT_ELEMENTS),
            )
        )
    return ExportItem(
        wp_id=node.integer("wp:post_id"),
        line=int(node.element.sourceline or 0),
        fields=fields,
        creator=node.text("dc:creator"),
        terms=terms,
        meta=node.meta("wp:postmeta"),
        comments=comments,
        has_modified=node.get("wp:post_modified") is not None,
        attachment_url=node.get("wp:attachment_url"),
        unknown=_unknown_children(node, ITEM_ELEMENTS),
        pub_date=node.text("pubDate"),
    )


# What WXR defines inside an <item> (and WordPress's RSS <description>, always empty).
ITEM_ELEMENTS = frozenset(
    "title link pubDate dc:creator guid description content:encoded excerpt:encoded wp:post_id wp:post_date "
    "wp:post_date_gmt wp:post_modified wp:post_modified_gmt wp:comment_status wp:ping_status wp:post_name "
    "wp:status wp:post_parent wp:menu_order wp:post_type wp:post_password wp:is_sticky wp:attachment_url "
    "category wp:postmeta wp:comment".split()
)


AUTHOR_ELEMENTS = frozenset(
    "wp:author_id wp:author_login wp:author_email wp:author_display_name wp:author_first_name "
    "wp:author_last_name".split()
)
COMMENT_ELEMENTS = frozenset(
    "wp:comment_id wp:comment_author wp:comment_author_email wp:comment_author_url wp:comment_author_IP "
    "wp:comment_date wp:comment_date_gmt wp:comment_content wp:comment_approved wp:comment_type "
    "wp:comment_parent wp:comment_user_id wp:commentmeta".split()
)


def _unknown_children(node: Node, known: frozenset[str]) -> dict[str, list[str]]:
    unknown: dict[str, list[str]] = {}
    for child in node.element:
        if not isinstance(child.tag, str):
            continue
        name = _name(child)
        if name in known:
            continue
        qname = etree.QName(child)
        if qname.namespace and _kind_of(qname.namespace) == qname.namespace:
            # Another namespace: named with the prefix the file declared.
            name = f"{child.prefix}:{qname.localname}" if child.prefix else child.tag
        unknown.setdefault(name, []).append(_text(child))
    return unknown


# --- what WordPress stores --------------------------------------------------------------------------------------


def sanitize_user(login: str) -> str:
    """WordPress's sanitize_user($login, strict=true), which its importer applies to dc:creator before looking the
    author up (accents and octets aside, which no login in these exports has)."""
    value = re.sub(r"<[^>]*>", "", login)
    value = re.sub(r"%[a-fA-F0-9]{2}", "", value)
    value = re.sub(r"&.+?;", "", value)
    value = re.sub(r"[^a-z0-9 _.\-@]", "", value, flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", value.strip())


def _wp_datetime(value: str | None) -> datetime | None:
    if value is None or not value.strip() or value.strip().startswith("0000-00-00"):
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


# --- the comparison ---------------------------------------------------------------------------------------------


@dataclass
class Comparison:
    """What was compared and every difference found."""

    differences: list[str] = field(default_factory=list)
    counts: Counter[str] = field(default_factory=Counter)

    def check(self, what: str, expected: Any, actual: Any) -> None:
        self.counts["values"] += 1
        if expected != _xml_line_ends(actual):
            self.differences.append(f"{what}: file {_short(expected)} != database {_short(actual)}")

    def missing(self, what: str) -> None:
        self.differences.append(f"{what}: missing from the database")


def _xml_line_ends(value: Any) -> Any:
    """A stored value with XML's end-of-line handling, as the parser here applied it to the file ("line_ends")."""
    if isinstance(value, str):
        return value.replace("\r\n", "\n").replace("\r", "\n")
    if isinstance(value, list):
        return [_xml_line_ends(each) for each in value]
    if isinstance(value, tuple):
        return tuple(_xml_line_ends(each) for each in value)
    if isinstance(value, dict):
        return {key: _xml_line_ends(each) for key, each in value.items()}
    return value


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 300 else shown[:300] + "..."


@dataclass
class UploadsUrls:
    """Both sides' links to uploads reduced to one prefix, so only the file each link names is compared."""

    old_base_urls: list[str]
    new_site_url: str

    def _pattern(self) -> re.Pattern[str]:
        hosts = []
        for url in [*self.old_base_urls, self.new_site_url]:
            parts = urlsplit(url if "//" in url else f"//{url}")
            if parts.hostname:
                host = re.escape(parts.hostname.removeprefix("www."))
                port = f":{parts.port}" if parts.port else ""
                hosts.append(f"(?:www\\.)?{host}{port}")
        slash = r"(?:\\/|/)"
        return re.compile(
            rf"(?:https?:)?{slash}{slash}(?i:{'|'.join(hosts)})(?:{slash}[\w.~-]+)*?{slash}wp-content{slash}uploads{slash}"
            r"(?P<path>[^\s\"'<>()\[\]{}?#,;|^`&]*)"
        )

    def normalise(self, value: str) -> str:
        pattern = self._pattern()
        return pattern.sub(lambda match: "[uploads]/" + unquote(match.group("path").replace("\\/", "/")), value)


@dataclass
class Database:
    """The imported rows the comparison reads, keyed as it looks them up."""

    entries: dict[int, dict[str, Any]]
    comments: dict[int, dict[str, Any]]
    terms: dict[int, dict[str, Any]]
    users: dict[int, dict[str, Any]]
    entry_meta: dict[int, list[tuple[str, str]]]
    term_meta: dict[int, list[tuple[str, str]]]
    comment_meta: dict[int, list[tuple[str, str]]]
    relationships: dict[int, list[int]]
    attachment_urls: dict[int, str]
    # (provenance kind, WordPress ID) -> local ID: where the import put what it had to give a new ID.
    records: dict[tuple[str, int], int]

    @classmethod
    def read(cls, session: Session) -> Database:
        relationships: dict[int, list[int]] = {}
        query = "SELECT entry_id, term_id FROM term_relationships ORDER BY entry_id, term_order"
        for entry_id, term_id in session.execute(text(query)):
            relationships.setdefault(int(entry_id), []).append(int(term_id))
        records = session.execute(text("SELECT kind, wp_id, local_id FROM import_records"))
        urls = session.execute(text("SELECT entry_id, original_url FROM attachments"))
        return cls(
            entries=_rows(session, "entries"),
            comments=_rows(session, "comments"),
            terms=_rows(session, "terms"),
            users=_rows(session, "users"),
            entry_meta=_meta_by_owner(session, "entry_meta", "entry_id"),
            term_meta=_meta_by_owner(session, "term_meta", "term_id"),
            comment_meta=_meta_by_owner(session, "comment_meta", "comment_id"),
            relationships=relationships,
            attachment_urls={int(entry_id): str(url) for entry_id, url in urls},
            records={(str(kind), int(wp_id)): int(local_id) for kind, wp_id, local_id in records},
        )

    def term_key(self, term_id: int) -> tuple[str, str]:
        row = self.terms[term_id]
        return (str(row["taxonomy"]), str(row["slug"]))


def _rows(session: Session, table: str) -> dict[int, dict[str, Any]]:
    query = f"SELECT * FROM {table}"  # noqa: S608 - the tables named above
    return {int(row["id"]): dict(row) for row in session.execute(text(query)).mappings()}


def _meta_by_owner(session: Session, table: str, owner: str) -> dict[int, list[tuple[str, str]]]:
    query = f"SELECT {owner}, key, value_raw FROM {table} ORDER BY {owner}, position, id"  # noqa: S608
    rows: dict[int, list[tuple[str, str]]] = {}
    for owner_id, key, value in session.execute(text(query)):
        rows.setdefault(int(owner_id), []).append((str(key), str(value)))
    return rows


def compare_import(export: Export, session: Session, *, uploads: UploadsUrls | None = None) -> Comparison:
    """Compare one export with the database it was imported into (alone, into an empty database)."""
    result = Comparison()
    db = Database.read(session)
    _compare_authors(export, db, result)
    declared_terms = _compare_terms(export, db, result)
    seen_entries, seen_comments, used_terms = _compare_items(export, db, declared_terms, uploads, result)
    # The other direction: nothing in the database that the file (or a listed derivation) does not explain.
    for entry_id in sorted(set(db.entries) - seen_entries):
        result.differences.append(f"entry {entry_id}: in the database, not in the file")
    for comment_id in sorted(set(db.comments) - seen_comments):
        result.differences.append(f"comment {comment_id}: in the database, not in the file")
    for term_id in sorted(set(db.terms) - set(declared_terms.values()) - used_terms):
        result.differences.append(f"term {term_id} {db.term_key(term_id)}: in the database, not in the file")
    for user_id in sorted(set(db.users) - _expected_users(export, db)):
        result.differences.append(f"user {user_id} ({db.users[user_id]['login']}): in the database, not in the file")
    return result


def _compare_authors(export: Export, db: Database, result: Comparison) -> None:
    by_login = {row["login"]: row for row in db.users.values()}
    for author in export.authors:
        what = f"author {author.login!r}"
        result.counts["authors"] += 1
        user = by_login.get(author.login)
        if user is None:
            result.missing(what)
            continue
        if author.wp_id is not None:
            result.check(f"{what} id", author.wp_id, user["id"])
        result.check(f"{what} email", author.email, user["email"])
        result.check(f"{what} display_name", author.display_name or author.login, user["display_name"])
        result.check(f"{what} first_name", author.first_name, user["first_name"])
        result.check(f"{what} last_name", author.last_name, user["last_name"])
        result.check(f"{what} extra", author.unknown, _json(user["extra"]))


def _expected_users(export: Export, db: Database) -> set[int]:
    if not export.authors:  # "wxr10_users"
        names = {item.creator.strip() for item in export.items if item.creator.strip()}
        return {user_id for user_id, row in db.users.items() if row["display_name"] in names}
    logins = {author.login for author in export.authors}
    return {user_id for user_id, row in db.users.items() if row["login"] in logins}


def _compare_terms(export: Export, db: Database, result: Comparison) -> dict[tuple[str, str], int]:
    """Each channel term against its row; returns the rows found, by (taxonomy, slug)."""
    by_slug = {db.term_key(term_id): row for term_id, row in db.terms.items()}
    found: dict[tuple[str, str], int] = {}
    for term in export.terms:
        key = (term.taxonomy, sanitize_title(term.slug, max_length=None))
        what = f"{term.element} {term.taxonomy}:{term.slug} (id {term.wp_id})"
        result.counts["terms"] += 1
        row = by_slug.get(key)
        if row is None:
            result.missing(what)
            continue
        found[key] = int(row["id"])
        if term.wp_id is not None and row["id"] != term.wp_id:
            # A tag sharing a category's term ID (WordPress before 4.2) gets a new ID: the import's records say so.
            recorded = [
                local
                for (kind, wp_id), local in db.records.items()
                if wp_id == term.wp_id and kind.startswith(f"term:{term.taxonomy}")
            ]
            result.check(f"{what} id", [row["id"]], recorded)
        result.check(f"{what} name", term.name or term.slug, row["name"])  # "term_name"
        result.check(f"{what} description", term.description, row["description"])
        parent = db.terms.get(row["parent_id"])
        if not term.parent:
            result.check(f"{what} parent", 0, row["parent_id"])
        elif parent is None:
            result.check(f"{what} parent", term.parent, None)
        else:
            # WXR 1.0 names the parent by name, later versions by slug.
            names = (parent["name"], parent["slug"])
            is_same = term.parent in names or sanitize_title(term.parent, max_length=None) == parent["slug"]
            result.check(f"{what} parent", term.parent, term.parent if is_same else names)
        result.check(f"{what} extra", term.unknown, _json(row["extra"]))
        result.counts["term_meta"] += len(term.meta)
        result.check(f"{what} meta", term.meta, db.term_meta.get(int(row["id"]), []))
    return found


def _occurrences(ids: Iterable[int], kind: str, *, counts_first: bool) -> Iterator[str]:
    """Each ID's provenance kind in file order, as the import records it: the first of a positive ID is itself,
    the rest are repeats, numbered from 2 for entries (the first counts) and from 1 for comments."""
    seen: Counter[int] = Counter()
    for wp_id in ids:
        seen[wp_id] += 1
        if wp_id > 0 and seen[wp_id] == 1:
            yield kind
        else:
            yield f"{kind}:dup{seen[wp_id] - (0 if counts_first or wp_id <= 0 else 1)}"


def _compare_items(
    export: Export,
    db: Database,
    declared_terms: dict[tuple[str, str], int],
    uploads: UploadsUrls | None,
    result: Comparison,
) -> tuple[set[int], set[int], set[int]]:
    """Every item against its entry; returns the entries, comments and terms the items account for."""
    by_login = {row["login"]: int(row["id"]) for row in db.users.values()}
    by_display = {row["display_name"]: int(row["id"]) for row in db.users.values()}
    author_ids = {author.wp_id: by_login.get(author.login) for author in export.authors if author.wp_id}
    term_ids = {db.term_key(term_id): term_id for term_id in db.terms}
    all_comments = (comment.wp_id for item in export.items for comment in item.comments)
    comment_kinds = _occurrences(all_comments, "comment", counts_first=False)
    item_kinds = _occurrences((item.wp_id for item in export.items), "entry", counts_first=True)
    seen_entries: set[int] = set()
    seen_comments: set[int] = set()
    used_terms: set[int] = set()
    for item, kind in zip(export.items, item_kinds, strict=True):
        what = f"item {item.wp_id} (line {item.line})"
        result.counts["items"] += 1
        local_id = item.wp_id if kind == "entry" else db.records.get((kind, item.wp_id))  # "duplicate_ids"
        entry = db.entries.get(local_id) if local_id is not None else None
        kinds = [next(comment_kinds) for _ in item.comments]
        if entry is None:
            result.missing(what)
            continue
        entry_id = int(entry["id"])
        seen_entries.add(entry_id)
        _compare_entry(item, entry, uploads, result, what)
        if item.fields["type"] == "attachment":
            # The file's address on the old site: wp:attachment_url, else the guid (WordPress's importer).
            expected_url = (item.attachment_url or item.fields["guid"]).strip()
            result.check(f"{what} attachment_url", expected_url, db.attachment_urls.get(entry_id))
        # Author: by login (WXR 1.1+), by display name (WXR 1.0).
        creator = item.creator.strip()
        by_name = by_display.get(creator)
        if export.authors:  # "creator_login", "creator_fallback"
            by_name = by_login.get(sanitize_user(creator)) or by_name or by_login.get(sanitize_title(creator))
        result.check(f"{what} author", (creator, by_name if creator else None), (creator, entry["author_id"]))
        # Terms, in the order the item lists them, each once.
        expected_terms = list(
            dict.fromkeys((taxonomy, sanitize_title(slug, max_length=None)) for taxonomy, slug, _ in item.terms)
        )
        if item.fields["type"] == "post" and not any(taxonomy == "category" for taxonomy, _ in expected_terms):
            if ("category", "uncategorized") in term_ids and item.fields["status"] != "auto-draft":
                expected_terms.append(("category", "uncategorized"))  # "default_category"
        actual_terms = [db.term_key(term_id) for term_id in db.relationships.get(entry_id, [])]
        used_terms |= set(db.relationships.get(entry_id, []))
        result.counts["term_relationships"] += len(expected_terms)
        result.check(f"{what} terms", expected_terms, actual_terms)
        for taxonomy, slug, name in item.terms:
            key = (taxonomy, sanitize_title(slug, max_length=None))
            if key not in declared_terms and key in term_ids:  # "item_terms"
                result.check(f"{what} term {key} name", name.strip() or slug, db.terms[term_ids[key]]["name"])
        result.counts["meta"] += len(item.meta)
        result.check(f"{what} meta", item.meta, db.entry_meta.get(entry_id, []))
        for comment, comment_kind in zip(item.comments, kinds, strict=True):
            local = comment.wp_id if comment_kind == "comment" else db.records.get((comment_kind, comment.wp_id))
            what = f"item {item.wp_id} comment {comment.wp_id}"
            _compare_comment(what, comment, local, entry_id, author_ids, db, result)
            seen_comments |= {local} if local is not None else set()
    return seen_entries, seen_comments, used_terms


def _compare_entry(
    item: ExportItem, entry: dict[str, Any], uploads: UploadsUrls | None, result: Comparison, what: str
) -> None:
    fields = item.fields
    result.check(f"{what} type", fields["type"] or "post", entry["type"])
    status = fields["status"] or ("inherit" if fields["type"] == "attachment" else "draft")
    result.check(f"{what} status", status, entry["status"])
    for name in ("title", "password", "link"):
        result.check(f"{what} {name}", fields[name], entry[name])
    for name in ("content", "excerpt"):
        expected, actual = fields[name], entry[name]
        if uploads is not None:  # "uploads_url"
            if expected != actual:
                result.counts["rewritten_fields"] += 1
            expected, actual = uploads.normalise(expected), uploads.normalise(actual)
        result.check(f"{what} {name}", expected, actual)
    result.check(f"{what} guid", fields["guid"].strip(), entry["guid"])  # "guid"
    slug = sanitize_title(fields["slug"], max_length=None)  # "slug"
    status = fields["status"] or ("inherit" if fields["type"] == "attachment" else "draft")
    if not slug and status not in ("draft", "pending", "auto-draft"):  # "slug_from_title"
        slug = sanitize_title(fields["title"]) or str(item.wp_id)
    result.check(f"{what} slug", slug, entry["slug"])
    date, date_gmt = _wp_datetime(fields["date"]), _wp_datetime(fields["date_gmt"])
    result.check(f"{what} date", date, _as_datetime(entry["date"]))
    result.check(f"{what} date_gmt", date_gmt, _as_datetime(entry["date_gmt"]))
    modified = _wp_datetime(fields["modified"]) if item.has_modified else None  # "modified"
    modified_gmt = _wp_datetime(fields["modified_gmt"]) if item.has_modified else None
    result.check(f"{what} modified", modified or date, _as_datetime(entry["modified"]))
    result.check(f"{what} modified_gmt", modified_gmt or date_gmt, _as_datetime(entry["modified_gmt"]))
    result.check(f"{what} parent", fields["parent_id"], entry["parent_id"])
    result.check(f"{what} menu_order", fields["menu_order"], entry["menu_order"])
    result.check(f"{what} comment_status", fields["comment_status"] or "open", entry["comment_status"])
    result.check(f"{what} ping_status", fields["ping_status"] or "open", entry["ping_status"])
    result.check(f"{what} sticky", fields["is_sticky"], bool(entry["is_sticky"]))
    # Elements nobody models are kept as written, the RSS pubDate too; nothing else is there.
    expected_extra: dict[str, Any] = dict(item.unknown)
    if item.pub_date:
        expected_extra["pubDate"] = item.pub_date
    result.check(f"{what} extra", expected_extra, _json(entry["extra"]))


def _json(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str) else value


def _as_datetime(value: Any) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def _compare_comment(
    what: str,
    comment: ExportComment,
    local: int | None,
    entry_id: int,
    author_ids: dict[int, int | None],
    db: Database,
    result: Comparison,
) -> None:
    result.counts["comments"] += 1
    row = db.comments.get(local) if local is not None else None
    if row is None:
        result.missing(what)
        return
    result.check(f"{what} entry", entry_id, row["entry_id"])
    for name in ("author_name", "author_email", "author_url", "author_ip", "content", "type"):
        result.check(f"{what} {name}", comment.fields[name], row[name])
    result.check(f"{what} status", comment.fields["status"] or "0", row["status"])
    result.check(f"{what} date", _wp_datetime(comment.fields["date"]), _as_datetime(row["date"]))
    result.check(f"{what} date_gmt", _wp_datetime(comment.fields["date_gmt"]), _as_datetime(row["date_gmt"]))
    parent = db.records.get(("comment", comment.parent), comment.parent) if comment.parent else 0
    result.check(f"{what} parent", parent, row["parent_id"])
    # comment_user_id names an author of the export; one that names none is no user here (WordPress's importer).
    user = (author_ids.get(comment.user_id) or 0) if comment.user_id else 0
    result.check(f"{what} user", user, row["user_id"])
    result.check(f"{what} extra", comment.unknown, _json(row["extra"]))
    result.counts["comment_meta"] += len(comment.meta)
    result.check(f"{what} meta", comment.meta, db.comment_meta.get(int(row["id"]), []))
