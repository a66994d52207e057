"""The listing blocks as pure functions of the site data a RenderContext supplies."""

from __future__ import annotations

from datetime import datetime

from app.rendering.context import CommentSummary, PostSummary, SiteInfo, TermSummary
from app.rendering.pipeline import render_content
from tests.rendering.wxr_corpus import InMemoryContext

HOME = "https://site.example"
INFO = SiteInfo(home=HOME, permalink_structure="/%year%/%monthnum%/%postname%/", now=datetime(2024, 3, 20, 9))


def _post(post_id: int, title: str, day: int, month: int = 3) -> PostSummary:
    when = datetime(2024, month, day, 8, 30)
    return PostSummary(post_id, title, f"{HOME}/2024/{month:02d}/p{post_id}/", when, when)


POSTS = [_post(3, "Third", 15), _post(2, "Second & more", 10), _post(1, "", 2, month=1)]


def _render(raw: str, **fields: object) -> str:
    ctx = InMemoryContext(post_id=99, site_url=HOME, info=INFO, posts=list(POSTS), **fields)  # type: ignore[arg-type]
    return render_content(raw, ctx)


def test_latest_posts_lists_newest_first_with_wordpress_markup() -> None:
    html = _render('<!-- wp:latest-posts {"postsToShow":2,"displayPostDate":true} /-->')
    assert html == (
        '<ul class="wp-block-latest-posts__list has-dates wp-block-latest-posts">'
        f'<li><a class="wp-block-latest-posts__post-title" href="{HOME}/2024/03/p3/">Third</a>'
        '<time datetime="2024-03-15T08:30:00+00:00" class="wp-block-latest-posts__post-date">'
        "March 15, 2024</time></li>\n"
        f'<li><a class="wp-block-latest-posts__post-title" href="{HOME}/2024/03/p2/">Second &#038; more</a>'
        '<time datetime="2024-03-10T08:30:00+00:00" class="wp-block-latest-posts__post-date">'
        "March 10, 2024</time></li>\n"
        "</ul>"
    )


def test_latest_posts_grid_by_title_and_the_old_category_string() -> None:
    html = _render('<!-- wp:latest-posts {"postLayout":"grid","order":"asc","orderBy":"title"} /-->')
    assert html.startswith('<ul class="wp-block-latest-posts__list is-grid columns-3 wp-block-latest-posts">')
    assert html.index("(no title)") < html.index("Second") < html.index("Third")
    filtered = _render('<!-- wp:latest-posts {"categories":"7"} /-->', categories_of={2: {7}})
    assert "Second" in filtered
    assert "Third" not in filtered


def test_archives_list_and_dropdown_with_counts() -> None:
    listed = _render('<!-- wp:archives {"showPostCounts":true,"className":"extra"} /-->')
    assert listed == (
        '<ul class=" wp-block-archives-list extra wp-block-archives">'
        f"\t<li><a href='{HOME}/2024/03/'>March 2024</a>&nbsp;(2)</li>\n"
        f"\t<li><a href='{HOME}/2024/01/'>January 2024</a>&nbsp;(1)</li>\n</ul>"
    )
    dropdown = _render('<!-- wp:archives {"displayAsDropdown":true} /-->')
    assert '<label for="wp-block-archives-1" class="wp-block-archives__label">Archives</label>' in dropdown
    assert f"<option value='{HOME}/2024/01/'> January 2024 </option>" in dropdown
    assert "No archives to show." in render_content("<!-- wp:archives /-->", InMemoryContext(post_id=1, info=INFO))


def test_calendar_shows_the_month_of_the_rendering_clock() -> None:
    html = _render("<!-- wp:calendar /-->")
    assert "<caption>March 2024</caption>" in html
    # March 2024 starts on a Friday: four padding cells in a week starting on Monday.
    assert '<td colspan="4" class="pad">&nbsp;</td><td>1</td>' in html
    assert f'<a href="{HOME}/2024/03/15/" aria-label="Posts published on March 15, 2024">15</a>' in html
    assert '<td id="today">20</td>' in html
    # ... and ends on a Sunday: no padding after the 31st.
    assert "<td>31</td>\n\t</tr>\n\t</tbody>" in html
    assert f'<span class="wp-calendar-nav-prev"><a href="{HOME}/2024/01/">&laquo; Jan</a></span>' in html
    assert '<span class="wp-calendar-nav-next">&nbsp;</span>' in html


TERMS = [
    TermSummary(5, "Alpha", "alpha", 0, 2, f"{HOME}/category/alpha/"),
    TermSummary(6, "beta", "beta", 5, 1, f"{HOME}/category/alpha/beta/"),
    TermSummary(7, "Empty", "empty", 0, 0, f"{HOME}/category/empty/"),
]


def test_categories_list_hides_empty_and_dropdown_nests() -> None:
    listed = _render('<!-- wp:categories {"showPostCounts":true} /-->', taxonomy_terms={"category": TERMS})
    assert listed == (
        '<ul class="wp-block-categories-list wp-block-categories">'
        f'\t<li class="cat-item cat-item-5"><a href="{HOME}/category/alpha/">Alpha</a> (2)\n</li>\n'
        f'\t<li class="cat-item cat-item-6"><a href="{HOME}/category/alpha/beta/">beta</a> (1)\n</li>\n</ul>'
    )
    dropdown = _render(
        '<!-- wp:categories {"displayAsDropdown":true,"showHierarchy":true} /-->', taxonomy_terms={"category": TERMS}
    )
    assert '<option class="level-1" value="6">&nbsp;&nbsp;&nbsp;beta</option>' in dropdown
    assert "id='wp-block-categories-1'" in dropdown
    assert "Empty" not in dropdown


def test_tag_cloud_sizes_on_wordpress_log_scale() -> None:
    tags = [
        TermSummary(1, "one", "one", 0, 1, f"{HOME}/tag/one/"),
        TermSummary(2, "Three", "three", 0, 3, f"{HOME}/tag/three/"),
        TermSummary(3, "fifteen", "fifteen", 0, 15, f"{HOME}/tag/fifteen/"),
    ]
    html = _render("<!-- wp:tag-cloud /-->", taxonomy_terms={"post_tag": tags})
    assert 'tag-link-3 tag-link-position-1" style="font-size: 22pt;" aria-label="fifteen (15 items)"' in html
    assert 'tag-link-1 tag-link-position-2" style="font-size: 8pt;" aria-label="one (1 item)"' in html
    assert 'style="font-size: 12.666666666667pt;" aria-label="Three (3 items)"' in html


def test_search_forms_share_the_unique_id_counter() -> None:
    html = _render('<!-- wp:search /-->\n\n<!-- wp:search {"buttonPosition":"no-button"} /-->')
    assert 'class="wp-block-search__button-outside wp-block-search__text-button wp-block-search"' in html
    assert f'action="{HOME}/"' in html
    assert 'id="wp-block-search__input-2"' in html
    assert html.count("<button") == 1


def test_rss_is_never_fetched() -> None:
    html = _render('<!-- wp:rss {"feedURL":"https://news.example/feed/"} /-->')
    assert html == (
        '<div class="components-placeholder"><div class="notice notice-error"><strong>RSS Error:</strong> '
        "Feeds are not fetched when content is rendered: news.example</div></div>"
    )


def test_latest_comments_hide_what_a_password_protects() -> None:
    comment = CommentSummary(
        8, "Ada", "", "ada@example.org", "Secret <b>words</b>", datetime(2024, 3, 2), datetime(2024, 3, 2),
        "Locked", True, f"{HOME}/locked/#comment-8",
    )  # fmt: skip
    html = _render("<!-- wp:latest-comments /-->", comments=[comment])
    assert '<span class="wp-block-latest-comments__comment-author">Ada</span> on ' in html
    assert f'href="{HOME}/locked/#comment-8">Protected: Locked</a>' in html
    assert "<p>Password protected</p>" in html
    assert "Secret" not in html
    empty = _render('<!-- wp:latest-comments {"displayAvatar":false} /-->')
    expected = '<div class="has-dates has-excerpts no-comments wp-block-latest-comments">No comments to show.</div>'
    assert empty == expected
