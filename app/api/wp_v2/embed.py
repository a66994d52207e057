"""``_embed``: the linked resources inside the answer, as ``WP_REST_Server::embed_links`` adds them.

Every ``_links`` entry marked ``embeddable`` is answered as WordPress would answer a GET of its
``href`` in ``embed`` context, through the same routes, so permissions and shapes are theirs: a
link the caller may not follow embeds WordPress's error instead, and a dangling featured-media link
(the API root) embeds the API index. Links are answered together rather than one by one, so a
page costs the same number of statements whatever its size: item links of one route through its
collection's ``include``, per-post term and comment collections by the loaders in
``embed_collections``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from fastapi import HTTPException, Request
from sqlalchemy.orm import Session

from app.api.wp_v2 import embed_collections as collections
from app.api.wp_v2.embed_dispatch import dispatch
from app.api.wp_v2.query_string import group_query
from app.api.wp_v2.schema_values import InvalidValue, as_list
from app.api.wp_v2.term_serializer import TaxonomySpec
from app.auth.permissions import Caller
from app.content.permalinks import Site

_ITEM = re.compile(r"wp/v2/([\w-]+)/(\d+)")
_COLLECTION = re.compile(r"wp/v2/([\w-]+)")
# Collections with a ``post`` filter that are not taxonomies (their ``?post=`` links are not terms).
_NOT_TAXONOMIES = frozenset({"comments", "media", "users", "search", "types", "taxonomies", "statuses"})
# The largest page a collection serves: item links are fetched through ``include`` this many at a time.
_MAX_PER_PAGE = 100


def embed_rels(value: Any) -> bool | list[str]:
    """``rest_parse_embed_param``: True for every rel, or the rels listed."""
    if value in ("", "0", "1", "true", None):
        return True
    try:
        rels = [str(rel).strip() for rel in as_list("_embed", value)]
    except InvalidValue:
        return True
    return [rel for rel in rels if rel] or True


@dataclass(frozen=True, slots=True)
class _Target:
    """An embeddable link: its route below the REST root and its query."""

    href: str
    route: str
    query: dict[str, str]


@dataclass(slots=True)
class _Plan:
    """The links of one response, sorted by how they are answered."""

    items: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    terms: dict[tuple[str, int], list[str]] = field(default_factory=lambda: defaultdict(list))
    comment_posts: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    comment_parents: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    others: list[_Target] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Context:
    request: Request
    session: Session
    caller: Caller
    site: Site


def with_embedded(request: Request, session: Session, caller: Caller, site: Site, data: Any) -> Any:
    """``data`` (an item or a list of items) with ``_embedded`` added when the request asks ``_embed``."""
    query = group_query(request.query_params.multi_items())
    if "_embed" not in query:
        return data
    rels = embed_rels(query["_embed"])
    items = data if isinstance(data, list) else [data]
    hrefs = {href for item in items for href in _embeddable_hrefs(item, rels)}
    answers = _answer_all(_Context(request, session, caller, site), hrefs)
    embedded = [_with_embedded_item(item, rels, answers) for item in items]
    return embedded if isinstance(data, list) else embedded[0]


def _wanted_links(item: Any, rels: bool | list[str]) -> list[tuple[str, list[Any]]]:
    if not isinstance(item, dict) or not isinstance(item.get("_links"), dict):
        return []
    links: dict[str, list[Any]] = item["_links"]
    return [(rel, found) for rel, found in links.items() if isinstance(rels, bool) or rel in rels]


def _embeddable_hrefs(item: Any, rels: bool | list[str]) -> list[str]:
    return [
        str(link["href"])
        for _rel, links in _wanted_links(item, rels)
        for link in links
        if isinstance(link, dict) and link.get("embeddable") and "href" in link
    ]


def _with_embedded_item(item: Any, rels: bool | list[str], answers: dict[str, Any]) -> Any:
    embedded: dict[str, list[Any]] = {}
    for rel, links in _wanted_links(item, rels):
        # A link that is not embeddable keeps its place with an empty answer, as WordPress keeps the order.
        embeds = [answers.get(str(link.get("href")), []) if link.get("embeddable") else [] for link in links]
        # Only rels with at least one non-empty answer are embedded (array_filter in embed_links).
        if any(embeds):
            embedded[rel] = embeds
    return {**item, "_embedded": embedded} if embedded else item


def _target(href: str, rest_root: str) -> _Target | None:
    """``WP_REST_Request::from_url``: only links below the REST root make a request."""
    if not href.startswith(rest_root.rstrip("/")):
        return None
    parts = urlsplit(href.removeprefix(rest_root.rstrip("/")))
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    return _Target(href, parts.path.strip("/"), query)


def _plan(context: _Context, hrefs: set[str]) -> _Plan:
    plan = _Plan()
    for href in sorted(hrefs):
        target = _target(href, context.site.rest_root)
        if target is not None:
            _place(plan, target)
    return plan


def _place(plan: _Plan, target: _Target) -> None:
    item = _ITEM.fullmatch(target.route)
    collection = _COLLECTION.fullmatch(target.route)
    single = next(iter(target.query.items())) if len(target.query) == 1 else None
    if item and not target.query:
        plan.items[item.group(1)].add(int(item.group(2)))
    elif collection and single and single[1].isdigit() and single[0] in ("post", "parent"):
        base, (name, value) = collection.group(1), single
        if base == "comments":
            (plan.comment_posts if name == "post" else plan.comment_parents)[int(value)].append(target.href)
        elif name == "post" and base not in _NOT_TAXONOMIES:
            plan.terms[(base, int(value))].append(target.href)
        else:
            plan.others.append(target)
    else:
        plan.others.append(target)


def _answer_all(context: _Context, hrefs: set[str]) -> dict[str, Any]:
    plan = _plan(context, hrefs)
    answers: dict[str, Any] = {}
    for base, ids in plan.items.items():
        answers |= _items(context, base, sorted(ids))
    answers |= _terms(context, plan)
    answers |= _comments(context, plan)
    for target in plan.others:
        answers[target.href] = _dispatch_link(context, target)
    return answers


def _dispatch_link(context: _Context, target: _Target) -> Any:
    # embed_links sets context=embed unless the link names a context of its own.
    query = [*target.query.items()] + ([] if "context" in target.query else [("context", "embed")])
    return dispatch(context.request, context.session, context.caller, f"/wp-json/{target.route}", query)


def _items(context: _Context, base: str, ids: list[int]) -> dict[str, Any]:
    """Item links of one route: its collection with ``include``; what it leaves out is asked one by one."""
    found: dict[int, Any] = {}
    for start in range(0, len(ids), _MAX_PER_PAGE):
        chunk = ids[start : start + _MAX_PER_PAGE]
        query = [("include", ",".join(map(str, chunk))), ("per_page", str(_MAX_PER_PAGE)), ("context", "embed")]
        answer = dispatch(context.request, context.session, context.caller, f"/wp-json/wp/v2/{base}", query)
        if isinstance(answer, list):
            found |= {item["id"]: item for item in answer if isinstance(item, dict) and "id" in item}
    answers: dict[str, Any] = {}
    for item_id in ids:
        target = _Target(f"{context.site.rest_root}wp/v2/{base}/{item_id}", f"wp/v2/{base}/{item_id}", {})
        # Left out of the list: missing, or not readable; the item route gives WordPress's error (or the item).
        answers[target.href] = found[item_id] if item_id in found else _dispatch_link(context, target)
    return answers


def _taxonomy_specs(context: _Context, bases: set[str]) -> dict[str, TaxonomySpec]:
    # Imported here: the terms routes import this module to embed their own links.
    from app.api.wp_v2.terms import taxonomy_for

    specs: dict[str, TaxonomySpec] = {}
    for base in sorted(bases):
        try:
            specs[base] = taxonomy_for(context.session, base)
        except HTTPException:
            continue
    return specs


def _terms(context: _Context, plan: _Plan) -> dict[str, Any]:
    specs = _taxonomy_specs(context, {base for base, _post in plan.terms})
    entries = collections.load_entries(context.session, {post for _base, post in plan.terms})
    readable = {post for post, entry in entries.items() if collections.post_terms_error(entry, context.caller) is None}
    found = collections.terms_by_post(context.session, specs, readable, context.site) if specs and readable else {}
    answers: dict[str, Any] = {}
    for (base, post), hrefs in plan.terms.items():
        if base not in specs:
            # Not a taxonomy route after all: the link is dispatched as it is.
            answers |= {href: _dispatch_link(context, _target_of(context, href)) for href in hrefs}
            continue
        error = collections.post_terms_error(entries.get(post), context.caller)
        answers |= dict.fromkeys(hrefs, error if error is not None else found.get((base, post), []))
    return answers


def _target_of(context: _Context, href: str) -> _Target:
    target = _target(href, context.site.rest_root)
    return target if target is not None else _Target(href, "", {})


def _comments(context: _Context, plan: _Plan) -> dict[str, Any]:
    if not plan.comment_posts and not plan.comment_parents:
        return {}
    entries = collections.load_entries(context.session, set(plan.comment_posts))
    by_post, by_parent = collections.comments_by(
        context.session, context.caller, context.site, posts=set(plan.comment_posts), parents=set(plan.comment_parents)
    )
    answers: dict[str, Any] = {}
    for post, hrefs in plan.comment_posts.items():
        error = collections.post_comments_error(entries.get(post), context.caller)
        answers |= dict.fromkeys(hrefs, error if error is not None else by_post.get(post, []))
    for parent, hrefs in plan.comment_parents.items():
        answers |= dict.fromkeys(hrefs, by_parent.get(parent, []))
    return answers
