"""Pagination of collections: totals, page bounds and the ``Link`` header WordPress sends."""

from __future__ import annotations

import math
from typing import Any

from app.api.wp_v2.query_string import build_query
from app.api.wp_v2.rest_errors import RestError


def total_pages(total: int, per_page: int) -> int:
    return math.ceil(total / per_page) if total else 0


def check_page(page: int, total: int, per_page: int) -> None:
    """A page past the last one is an error, unless nothing matched at all."""
    if total > 0 and page > total_pages(total, per_page):
        raise RestError(
            "rest_post_invalid_page_number",
            "The page number requested is larger than the number of pages available.",
            400,
        )


def page_url(collection_url: str, given: dict[str, Any], page: int) -> str:
    """``add_query_arg( 'page', N, $base )``: the request's own query, with ``page`` set to N."""
    query = {**given, "page": page}
    return f"{collection_url}?{build_query(query)}"


def pagination_headers(
    collection_url: str, given: dict[str, Any], *, page: int, per_page: int, total: int
) -> dict[str, str]:
    """``X-WP-Total``, ``X-WP-TotalPages`` and ``Link`` (prev before next), as ``get_items`` sets them."""
    pages = total_pages(total, per_page)
    headers = {"X-WP-Total": str(total), "X-WP-TotalPages": str(pages)}
    links: list[str] = []
    if page > 1:
        links.append(f'<{page_url(collection_url, given, min(page - 1, pages))}>; rel="prev"')
    if pages > page:
        links.append(f'<{page_url(collection_url, given, page + 1)}>; rel="next"')
    if links:
        headers["Link"] = ", ".join(links)
    return headers
