"""Render callbacks of the core blocks that list the site's own content (WordPress 6.1's markup).

``core/latest-posts``, ``core/latest-comments``, ``core/archives``, ``core/calendar``,
``core/categories``, ``core/tag-cloud``, ``core/search`` and ``core/rss``. They read the site through
the ``RenderContext`` (which notes what was read, so the rendering is redone when it changes).

Rendered output is stored when an entry is written, not computed per request, so what WordPress takes
from the request is taken from the rendering instead: the calendar shows the month of the rendering's
clock (``SiteInfo.now``) and the search form no current query. ``core/rss`` never fetches a feed: it
prints WordPress's "RSS Error" placeholder, as WordPress does when the fetch fails.
"""

from __future__ import annotations

import calendar
import hashlib
import math
import re
from collections.abc import Callable
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any

from app.rendering.autop import wpautop
from app.rendering.blocks import Block
from app.rendering.context import CommentSummary, SiteInfo, TermSummary
from app.rendering.php_date import MONTHS, WEEKDAYS, php_date

if TYPE_CHECKING:
    from app.rendering.block_render import BlockRenderer

# Why the feed is not shown: Vellum serves stored content and makes no outgoing requests.
RSS_NOT_FETCHED = "Feeds are not fetched when content is rendered"
_TAGS = re.compile(r"<[^>]*>")
_SEARCH_ICON = (
    '<svg class="search-icon" viewBox="0 0 24 24" width="24" height="24">\n\t\t\t\t\t<path d="M13.5 6C10.5 6 8 8.5 8 '
    "11.5c0 1.1.3 2.1.9 3l-3.4 3 1 1.1 3.4-2.9c1 .9 2.2 1.4 3.6 1.4 3 0 5.5-2.5 5.5-5.5C19 8.5 16.5 6 13.5 6zm0 "
    '9.5c-2.2 0-4-1.8-4-4s1.8-4 4-4 4 1.8 4 4-1.8 4-4 4z"></path>\n\t\t\t\t</svg>'
)


def _attrs(block: Block, defaults: dict[str, Any]) -> dict[str, Any]:
    # Registered attributes take their block.json default when the comment leaves them out.
    return {**defaults, **(block.attrs or {})}


def _wrapper_class(block: Block, extra: str) -> str:
    """``get_block_wrapper_attributes()``'s class: the callback's, then the custom class, then the block's."""
    supports = " ".join(c for c in ((block.attrs or {}).get("className", ""), _block_class(block)) if c)
    return f"{extra} {supports}" if extra else supports


def _block_class(block: Block) -> str:
    name = block.name or ""
    return "wp-block-" + (name[5:] if name.startswith("core/") else name.replace("/", "-"))


def _esc_attr(text: str) -> str:
    return escape(text, quote=True).replace("&#x27;", "&#039;")


def _esc_url(url: str) -> str:
    return url.replace("&", "&#038;").replace("'", "&#039;")


def _title(raw: str, renderer: BlockRenderer) -> str:
    from app.rendering.pipeline import render_title  # the pipeline imports the block callbacks

    return render_title(raw)


def render_latest_posts(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_latest_posts()`` (without featured images, authors or excerpts)."""
    defaults = {"postsToShow": 5, "order": "desc", "orderBy": "date", "displayPostDate": False, "columns": 3}
    attrs = _attrs(block, defaults)
    categories = attrs.get("categories")
    # block_core_latest_posts_migrate_categories(): an old numeric string is one category.
    if isinstance(categories, str) and categories:
        ids = [int(categories)] if categories.isdigit() else []
    elif isinstance(categories, list):
        ids = [int(c["id"]) for c in categories if isinstance(c, dict) and str(c.get("id", "")).isdigit()]
    else:
        ids = []
    site = renderer.ctx.site_info()
    posts = renderer.ctx.latest_posts(int(attrs["postsToShow"]), str(attrs["orderBy"]), str(attrs["order"]), ids)
    items = []
    for post in posts:
        title = _title(f"Protected: {post.title}" if post.protected else post.title, renderer) or "(no title)"
        item = f'<li><a class="wp-block-latest-posts__post-title" href="{_esc_url(post.link)}">{title}</a>'
        if attrs["displayPostDate"]:
            stamp = php_date("c", site.aware(post.date))
            shown = php_date(site.date_format, post.date)
            item += f'<time datetime="{stamp}" class="wp-block-latest-posts__post-date">{shown}</time>'
        items.append(item + "</li>\n")
    classes = ["wp-block-latest-posts__list"]
    if attrs.get("postLayout") == "grid":
        classes.append("is-grid")
        classes.append(f"columns-{attrs['columns']}")
    if attrs["displayPostDate"]:
        classes.append("has-dates")
    return f'<ul class="{_wrapper_class(block, " ".join(classes))}">{"".join(items)}</ul>'


def _avatar(email: str) -> str:
    digest = hashlib.md5(email.strip().lower().encode(), usedforsecurity=False).hexdigest()
    base = f"http://{int(digest[0], 16) % 3}.gravatar.com/avatar/{digest}"
    return (
        f"<img alt='' src='{base}?s=48&#038;d=mm&#038;r=g' srcset='{base}?s=96&#038;d=mm&#038;r=g 2x' "
        "class='avatar avatar-48 photo wp-block-latest-comments__comment-avatar' height='48' width='48' "
        "loading='lazy' decoding='async'/>"
    )


def _comment_excerpt(text: str, protected: bool) -> str:
    # get_comment_excerpt(): tags stripped, line breaks as spaces, the first 20 words; nothing of a protected post's.
    if protected:
        return "Password protected"
    words = _TAGS.sub("", text.replace("\n", " ").replace("\r", " ")).split()
    return " ".join(words[:20]) + ("&hellip;" if len(words) > 20 else "")


def _comment_item(comment: CommentSummary, attrs: dict[str, Any], site: SiteInfo, renderer: BlockRenderer) -> str:
    author = escape(comment.author_name, quote=False) or "Anonymous"
    if comment.author_url:
        author = (
            f'<a class="wp-block-latest-comments__comment-author" href="{_esc_url(comment.author_url)}">{author}</a>'
        )
    else:
        author = f'<span class="wp-block-latest-comments__comment-author">{author}</span>'
    title = _title(f"Protected: {comment.post_title}" if comment.post_protected else comment.post_title, renderer)
    post = (
        f'<a class="wp-block-latest-comments__comment-link" href="{_esc_url(comment.link)}">{title or "(no title)"}</a>'
    )
    item = '<li class="wp-block-latest-comments__comment">'
    if attrs["displayAvatar"]:
        item += _avatar(comment.author_email)
    item += f'<article><footer class="wp-block-latest-comments__comment-meta">{author} on {post}'
    if attrs["displayDate"]:
        stamp = php_date("c", site.aware(comment.date))
        shown = php_date(site.date_format, comment.date)
        item += f'<time datetime="{stamp}" class="wp-block-latest-comments__comment-date">{shown}</time>'
    item += "</footer>"
    if attrs["displayExcerpt"]:
        excerpt = wpautop(_comment_excerpt(comment.content, comment.post_protected))
        item += f'<div class="wp-block-latest-comments__comment-excerpt">{excerpt}</div>'
    return item + "</article></li>"


def render_latest_comments(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_latest_comments()``."""
    defaults = {"commentsToShow": 5, "displayAvatar": True, "displayDate": True, "displayExcerpt": True}
    attrs = _attrs(block, defaults)
    comments = renderer.ctx.latest_comments(int(attrs["commentsToShow"]))
    site = renderer.ctx.site_info()
    classes = [name for key, name in _COMMENT_CLASSES if attrs[key]]
    if not comments:
        classes.append("no-comments")
        return f'<div class="{_wrapper_class(block, " ".join(classes))}">No comments to show.</div>'
    items = "".join(_comment_item(comment, attrs, site, renderer) for comment in comments)
    return f'<ol class="{_wrapper_class(block, " ".join(classes))}">{items}</ol>'


_COMMENT_CLASSES = (("displayAvatar", "has-avatars"), ("displayDate", "has-dates"), ("displayExcerpt", "has-excerpts"))


def _month_link(site: SiteInfo, year: int, month: int) -> str:
    return site.link(f"{year:04d}/{month:02d}") if site.permalink_structure else f"{site.home}/?m={year:04d}{month:02d}"


def _day_link(site: SiteInfo, year: int, month: int, day: int) -> str:
    if not site.permalink_structure:
        return f"{site.home}/?m={year:04d}{month:02d}{day:02d}"
    return site.link(f"{year:04d}/{month:02d}/{day:02d}")


def render_archives(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_archives()`` for monthly archives (``wp_get_archives()``'s HTML and option formats)."""
    attrs = _attrs(block, {"displayAsDropdown": False, "showLabel": True, "showPostCounts": False})
    site = renderer.ctx.site_info()
    months = renderer.ctx.archive_months()
    counts = bool(attrs["showPostCounts"])
    if attrs["displayAsDropdown"]:
        dropdown_id = renderer.next_unique_id("wp-block-archives-")
        options = ""
        for year, month, total in months:
            # get_archives_link(): "$before $text $after", so an empty count still leaves its space.
            count = f"&nbsp;({total})" if counts else ""
            options += f"\t<option value='{_month_link(site, year, month)}'> {MONTHS[month]} {year} {count}</option>\n"
        hidden = "" if attrs["showLabel"] else " screen-reader-text"
        body = (
            f'<label for="{dropdown_id}" class="wp-block-archives__label{hidden}">Archives</label>\n\t\t'
            f'<select id="{dropdown_id}" name="archive-dropdown" '
            'onchange="document.location.href=this.options[this.selectedIndex].value;">\n\t\t'
            f'<option value="">Select Month</option>{options}</select>'
        )
        return f'<div class="{_wrapper_class(block, " wp-block-archives-dropdown")}">{body}</div>'
    items = ""
    for year, month, total in months:
        count = f"&nbsp;({total})" if counts else ""
        items += f"\t<li><a href='{_month_link(site, year, month)}'>{MONTHS[month]} {year}</a>{count}</li>\n"
    wrapper = _wrapper_class(block, " wp-block-archives-list")
    if not items:
        return f'<div class="{wrapper}">No archives to show.</div>'
    return f'<ul class="{wrapper}">{items}</ul>'


def render_calendar(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_calendar()``: ``get_calendar()`` for the month of the rendering's clock."""
    site = renderer.ctx.site_info()
    year, month = site.now.year, site.now.month
    days = renderer.ctx.post_days(year, month)
    months = [(y, m) for y, m, _ in renderer.ctx.archive_months()]
    previous = max((ym for ym in months if ym < (year, month)), default=None)
    following = min((ym for ym in months if ym > (year, month)), default=None)
    first = (site.start_of_week % 7 + 6) % 7  # PHP's 0 = Sunday as Python's weekday()
    order = [WEEKDAYS[(first + i) % 7] for i in range(7)]
    head = "".join(f'\n\t\t<th scope="col" title="{day}">{day[0]}</th>' for day in order)
    out = (
        '<table id="wp-calendar" class="wp-calendar-table">\n\t<caption>'
        f"{MONTHS[month]} {year}</caption>\n\t<thead>\n\t<tr>{head}\n\t</tr>\n\t</thead>\n\t<tbody>\n\t<tr>"
    )
    pad = (calendar.weekday(year, month, 1) - first) % 7
    if pad:
        out += f'\n\t\t<td colspan="{pad}" class="pad">&nbsp;</td>'
    new_row = False
    last = calendar.monthrange(year, month)[1]
    for day in range(1, last + 1):
        if new_row:
            out += "\n\t</tr>\n\t<tr>\n\t\t"
        new_row = False
        today = (year, month, day) == (site.now.year, site.now.month, site.now.day)
        out += '<td id="today">' if today else "<td>"
        if day in days:
            label = php_date(site.date_format, datetime(year, month, day))
            out += f'<a href="{_day_link(site, year, month, day)}" aria-label="Posts published on {label}">{day}</a>'
        else:
            out += str(day)
        out += "</td>"
        if (calendar.weekday(year, month, day) - first) % 7 == 6:
            new_row = True
    pad = 6 - (calendar.weekday(year, month, last) - first) % 7
    if pad:
        out += f'\n\t\t<td class="pad" colspan="{pad}">&nbsp;</td>'
    out += '\n\t</tr>\n\t</tbody>\n\t</table><nav aria-label="Previous and next months" class="wp-calendar-nav">'
    if previous:
        link = _month_link(site, *previous)
        out += f'\n\t\t<span class="wp-calendar-nav-prev"><a href="{link}">&laquo; {MONTHS[previous[1]][:3]}</a></span>'
    else:
        out += '\n\t\t<span class="wp-calendar-nav-prev">&nbsp;</span>'
    out += '\n\t\t<span class="pad">&nbsp;</span>'
    if following:
        link = _month_link(site, *following)
        out += (
            f'\n\t\t<span class="wp-calendar-nav-next"><a href="{link}">{MONTHS[following[1]][:3]} &raquo;</a></span>'
        )
    else:
        out += '\n\t\t<span class="wp-calendar-nav-next">&nbsp;</span>'
    out += "\n\t</nav>"
    return f'<div class="{_wrapper_class(block, "")}">{out}</div>'


def _ordered_terms(terms: list[TermSummary], hierarchical: bool, show_empty: bool) -> list[tuple[TermSummary, int]]:
    """Terms with their depth: by name, children under their parent when ``hierarchical``."""
    if not hierarchical:
        return [(term, 0) for term in terms if show_empty or term.count]
    children: dict[int, list[TermSummary]] = {}
    for term in terms:
        children.setdefault(term.parent, []).append(term)

    def shown(term: TermSummary) -> bool:
        # hide_empty keeps an empty parent whose descendants have posts.
        return show_empty or term.count > 0 or any(shown(child) for child in children.get(term.id, []))

    ordered: list[tuple[TermSummary, int]] = []

    def walk(parent: int, depth: int) -> None:
        for term in children.get(parent, []):
            if shown(term):
                ordered.append((term, depth))
                walk(term.id, depth + 1)

    known = {term.id for term in terms}
    for root in sorted({term.parent for term in terms if term.parent not in known}):
        walk(root, 0)
    return ordered


def render_categories(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_categories()``: ``wp_list_categories()`` or ``wp_dropdown_categories()``."""
    defaults = {"displayAsDropdown": False, "showHierarchy": False, "showPostCounts": False, "showEmpty": False}
    attrs = _attrs(block, defaults)
    terms = renderer.ctx.terms("category")
    if attrs.get("showOnlyTopLevel"):
        terms = [term for term in terms if term.parent == 0]
    listed = _ordered_terms(terms, bool(attrs["showHierarchy"]), bool(attrs["showEmpty"]))
    counts = bool(attrs["showPostCounts"])
    if attrs["displayAsDropdown"]:
        return _categories_dropdown(block, renderer, listed, counts)
    items = ""
    for term, _depth in listed:
        count = f" ({term.count})" if counts else ""
        name = escape(term.name, quote=False)
        items += f'\t<li class="cat-item cat-item-{term.id}"><a href="{_esc_url(term.link)}">{name}</a>{count}\n</li>\n'
    if not items:
        items = '<li class="cat-item-none">No categories</li>'
    return f'<ul class="{_wrapper_class(block, "wp-block-categories-list")}">{items}</ul>'


def _categories_dropdown(
    block: Block, renderer: BlockRenderer, listed: list[tuple[TermSummary, int]], counts: bool
) -> str:
    dropdown_id = renderer.next_own_id("wp-block-categories-")
    site = renderer.ctx.site_info()
    options = "\n\t<option value='-1'>Select Category</option>\n"
    for term, depth in listed:
        count = f"&nbsp;&nbsp;({term.count})" if counts else ""
        indent = "&nbsp;&nbsp;&nbsp;" * depth
        name = escape(term.name, quote=False)
        options += f'\t<option class="level-{depth}" value="{term.id}">{indent}{name}{count}</option>\n'
    script = (
        "\t<script type='text/javascript'>\n\t/* <![CDATA[ */\n\t( function() {\n"
        f"\t\tvar dropdown = document.getElementById( '{dropdown_id}' );\n\t\tfunction onCatChange() {{\n"
        "\t\t\tif ( dropdown.options[ dropdown.selectedIndex ].value > 0 ) {\n"
        f'\t\t\t\tlocation.href = "{site.home}/?cat=" + dropdown.options[ dropdown.selectedIndex ].value;\n'
        "\t\t\t}\n\t\t}\n\t\tdropdown.onchange = onCatChange;\n\t})();\n\t/* ]]> */\n\t</script>\n\t"
    )
    body = (
        f'<label class="screen-reader-text" for="{dropdown_id}">Categories</label>'
        f"<select  name='cat' id='{dropdown_id}' class='postform'>{options}</select>{script}\n"
    )
    return f'<div class="{_wrapper_class(block, "wp-block-categories-dropdown")}">{body}</div>'


def _php_float(value: float) -> str:
    # PHP prints floats with 14 significant digits.
    text = f"{value:.14g}"
    return text


def render_tag_cloud(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_tag_cloud()``: ``wp_tag_cloud()`` of the 45 most used tags, sized on a log scale."""
    attrs = _attrs(block, {"numberOfTags": 45, "taxonomy": "post_tag", "showTagCounts": False})
    smallest = float(str(attrs.get("smallestFontSize", "8pt")).rstrip("ptxem%"))
    largest = float(str(attrs.get("largestFontSize", "22pt")).rstrip("ptxem%"))
    unit = "pt"
    used = [term for term in renderer.ctx.terms(str(attrs["taxonomy"])) if term.count > 0]
    top = sorted(used, key=lambda term: (-term.count, term.id))[: int(attrs["numberOfTags"])]
    if not top:
        return f'<p class="{_wrapper_class(block, "")}">There&#8217;s no content to show here yet.</p>'
    tags = sorted(top, key=lambda term: (term.name.casefold(), term.id))
    # default_topic_count_scale(): round(log10(count + 1) * 100).
    scaled = {term.id: round(math.log10(term.count + 1) * 100) for term in tags}
    low = min(scaled.values())
    spread = max(max(scaled.values()) - low, 1)
    step = max(largest - smallest, 1) / spread
    links = []
    for position, term in enumerate(tags, start=1):
        size = _php_float(smallest + (scaled[term.id] - low) * step)
        items = f"{term.count} item" if term.count == 1 else f"{term.count} items"
        name = escape(term.name, quote=False)
        count = f'<span class="tag-link-count"> ({term.count})</span>' if attrs["showTagCounts"] else ""
        links.append(
            f'<a href="{_esc_url(term.link)}" class="tag-cloud-link tag-link-{term.id} tag-link-position-{position}" '
            f'style="font-size: {size}{unit};" aria-label="{_esc_attr(term.name)} ({items})">{name}{count}</a>'
        )
    return f'<p class="{_wrapper_class(block, "")}">{chr(10).join(links)}</p>'


def render_search(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_search()`` without colours, borders or widths; no current search query."""
    defaults = {"label": "Search", "buttonText": "Search", "showLabel": True, "buttonPosition": "button-outside"}
    attrs = _attrs(block, {**defaults, "buttonUseIcon": False, "placeholder": ""})
    input_id = renderer.next_unique_id("wp-block-search__input-")
    position = str(attrs["buttonPosition"])
    inside = position == "button-inside"
    classes = {
        "button-inside": "wp-block-search__button-inside",
        "button-outside": "wp-block-search__button-outside",
        "no-button": "wp-block-search__no-button",
        "button-only": "wp-block-search__button-only",
    }
    names = [classes[position]] if position in classes else []
    if position and position != "no-button":
        names.append("wp-block-search__icon-button" if attrs["buttonUseIcon"] else "wp-block-search__text-button")
    label_text = attrs["label"] or "Search"
    if attrs["showLabel"] and attrs["label"]:
        label = f'<label for="{input_id}" class="wp-block-search__label" >{label_text}</label>'
    else:
        label = f'<label for="{input_id}" class="wp-block-search__label screen-reader-text">{label_text}</label>'
    field = ""
    if position != "button-only":
        input_class = "wp-block-search__input " if inside else "wp-block-search__input"
        field = (
            f'<input type="search" id="{input_id}" class="wp-block-search__input {input_class}" name="s" value="" '
            f'placeholder="{_esc_attr(str(attrs["placeholder"]))}"  required />'
        )
    if position != "no-button":
        if attrs["buttonUseIcon"]:
            aria = f'aria-label="{_esc_attr(_TAGS.sub("", str(attrs["buttonText"])))}"'
            field += f'<button type="submit" class="wp-block-search__button has-icon wp-element-button"  {aria}>'
            field += f"{_SEARCH_ICON}</button>"
        else:
            text = attrs["buttonText"]
            field += f'<button type="submit" class="wp-block-search__button wp-element-button"  >{text}</button>'
    wrapper = f'<div class="wp-block-search__inside-wrapper " >{field}</div>'
    return (
        f'<form role="search" method="get" action="{renderer.ctx.site_info().home}/" '
        f'class="{_wrapper_class(block, " ".join(names))}">{label}{wrapper}</form>'
    )


def render_rss(block: Block, content: str, renderer: BlockRenderer) -> str:
    """``render_block_core_rss()`` when the feed cannot be fetched: its error placeholder (never fetched here)."""
    url = str((block.attrs or {}).get("feedURL", ""))
    home = renderer.ctx.site_info().home
    if url.rstrip("/") == home:
        return (
            '<div class="components-placeholder"><div class="notice notice-error">Adding an RSS feed to this '
            "site’s homepage is not supported, as it could lead to a loop that slows down your site. Try using "
            "another block, like the <strong>Latest Posts</strong> block, to list posts from the site.</div></div>"
        )
    host = escape(re.sub(r"^[a-z]+://([^/]*).*$", r"\1", url, flags=re.IGNORECASE), quote=True)
    return (
        '<div class="components-placeholder"><div class="notice notice-error"><strong>RSS Error:</strong> '
        f"{RSS_NOT_FETCHED}: {host}</div></div>"
    )


SITE_BLOCKS: dict[str, Callable[[Block, str, BlockRenderer], str]] = {
    "core/latest-posts": render_latest_posts,
    "core/latest-comments": render_latest_comments,
    "core/archives": render_archives,
    "core/calendar": render_calendar,
    "core/categories": render_categories,
    "core/tag-cloud": render_tag_cloud,
    "core/search": render_search,
    "core/rss": render_rss,
}
