"""Builds the ``<item>`` of each common post type: posts, pages, attachments, revisions, menus, events."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

from bench import wxr_acf, wxr_meta
from bench.wxr_content import SITE_URL, ContentWriter
from bench.wxr_plan import ACF_ITEMS_PER_GROUP, SitePlan
from bench.wxr_xml import CommentRecord, ItemRecord

FIRST_DATE = datetime(2016, 1, 1, tzinfo=UTC)
SPAN = timedelta(days=9 * 365)
LOCAL_OFFSET = timedelta(hours=1)
ZERO_DATE = "0000-00-00 00:00:00"
# Cumulative shares of statuses for editorial content: mostly published, some of every other state.
STATUS_ROLLS = ((0.84, "publish"), (0.90, "draft"), (0.93, "private"), (0.95, "future"), (0.98, "pending"))
EXPORTED_AT = datetime(2025, 2, 1, 10, 30, tzinfo=UTC)
FORMATS = ("gallery", "image", "quote", "video", "aside")


def mysql(moment: datetime) -> str:
    """MySQL DATETIME text, as ``wp_posts`` stores it."""
    return moment.strftime("%Y-%m-%d %H:%M:%S")


def rfc822(moment: datetime) -> str:
    """The RSS ``pubDate`` form."""
    return moment.strftime("%a, %d %b %Y %H:%M:%S +0000")


class ItemFactory:
    """Turns an item index into a complete :class:`ItemRecord`, drawing from one seeded random stream."""

    def __init__(self, plan: SitePlan, rng: random.Random) -> None:
        self.plan = plan
        self.rng = rng
        self.content = ContentWriter(rng)
        self.next_comment_id = 1
        self.step = SPAN / max(plan.n_items, 1)

    def base(self, index: int, post_type: str, status: str, *, title: str, content: str) -> ItemRecord:
        """The fields every item has, with dates, link and guid derived from the index and status."""
        post_id = self.plan.post_id(index)
        moment = FIRST_DATE + self.step * index
        if status == "future":
            moment = EXPORTED_AT + timedelta(days=1 + index % 90)
        unpublished = status in ("draft", "pending")
        author = self.rng.randrange(self.plan.n_authors)
        return ItemRecord(
            post_id=post_id,
            post_type=post_type,
            title=title,
            slug="" if status == "draft" and index % 3 == 0 else f"{post_type}-{post_id}",
            status=status,
            creator=author_login(author),
            content=content,
            post_date=mysql(moment + LOCAL_OFFSET),
            post_date_gmt=ZERO_DATE if unpublished else mysql(moment),
            pub_date="" if unpublished else rfc822(moment),
            link=f"{SITE_URL}/?p={post_id}&preview=true" if unpublished else f"{SITE_URL}/{post_type}/{post_id}/",
            guid=f"{SITE_URL}/?p={post_id}",
            meta=[("_edit_last", str(author + 1))],
        )

    def status(self) -> str:
        """A status for editorial content: publish, draft, private, future, pending or trash."""
        roll = self.rng.random()
        return next((status for limit, status in STATUS_ROLLS if roll < limit), "trash")

    def finish(self, item: ItemRecord, moment: int) -> ItemRecord:
        """Trash bookkeeping that ``wp_trash_post()`` adds, and the ``__trashed`` slug suffix."""
        if item.status == "trash" and item.meta is not None:
            item.meta += wxr_meta.trash_meta("publish", item.slug, moment)
            item.slug += "__trashed"
        return item

    def post(self, index: int) -> ItemRecord:
        """A blog post: categories, tags, a featured image, ACF values and threaded comments."""
        plan, rng = self.plan, self.rng
        image = plan.reference("attachment", index, block_delta=rng.choice((-1, 0, 1)), pick=index)
        if rng.random() < 0.7:
            pattern = plan.reference("wp_block", index, block_delta=-1, pick=index)
            body = self.content.block_content(self.content.length(4.5), image_id=image, pattern_id=pattern)
        else:
            picks = (plan.reference("attachment", index, block_delta=0, pick=index + k) for k in range(3))
            gallery = tuple(image_id for image_id in picks if image_id)
            body = self.content.classic_content(self.content.length(4), image_id=image, gallery=gallery)
        item = self.base(index, "post", self.status(), title=self.content.title(index), content=body)
        item.excerpt, item.comment_status, item.ping_status = self.content.excerpt(), "open", "open"
        item.is_sticky = index % 500 == 7
        item.password = "secret" if index % 211 == 0 else ""
        item.terms = self.post_terms(index)
        item.meta = (item.meta or []) + self.post_meta(index, image)
        item.comments = self.comments(index, item.post_date)
        return self.finish(item, 1_600_000_000 + index)

    def post_terms(self, index: int) -> list[tuple[str, str, str]]:
        """One to three categories, up to five tags, and a post format on some posts."""
        rng, plan = self.rng, self.plan
        terms = [category_term(rng.randrange(plan.n_categories)) for _ in range(rng.randint(1, 3))]
        terms += [tag_term(rng.randrange(plan.n_tags)) for _ in range(rng.randint(0, 5))]
        if rng.random() < 0.1:
            post_format = FORMATS[index % len(FORMATS)]
            terms.append(("post_format", f"post-format-{post_format}", post_format.title()))
        return terms

    def post_meta(self, index: int, image: int) -> list[tuple[str, str]]:
        """Featured image, old slugs, ping flags, footnotes and (on half the posts) ACF values."""
        rng, plan = self.rng, self.plan
        meta = [("_thumbnail_id", str(image))] if image and rng.random() < 0.8 else []
        if rng.random() < 0.15:
            meta.append(("_wp_old_slug", f"draft-{plan.post_id(index)}"))
        if rng.random() < 0.1:
            meta += [("_pingme", "1"), ("_encloseme", "1")]
        if rng.random() < 0.1:
            notes = [{"id": f"fn-{index}", "content": "Quelle: Jahresbericht — المصدر"}]
            meta.append(("footnotes", json.dumps(notes, ensure_ascii=False)))
        group = plan.acf_group_of(index)
        if group >= 0 and rng.random() < 0.6:
            images = tuple(plan.reference("attachment", index, block_delta=0, pick=index + k) for k in range(2))
            meta += wxr_acf.acf_values(plan, group, rng, tuple(i for i in images if i))
        return meta

    def comments(self, index: int, post_date: str) -> list[CommentRecord]:
        """Zero to five comments, some replying to earlier ones, most with Akismet meta."""
        rng = self.rng
        posted = datetime.strptime(post_date, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
        comments: list[CommentRecord] = []
        for number in range(rng.randint(0, 5)):
            comments.append(self.comment(posted + timedelta(hours=3 * number + 1), comments))
        return comments

    def comment(self, local: datetime, earlier: list[CommentRecord]) -> CommentRecord:
        """One comment from a guest or a registered author, possibly a reply or a pingback."""
        rng = self.rng
        comment_id, self.next_comment_id = self.next_comment_id, self.next_comment_id + 1
        registered = rng.random() < 0.2
        author = rng.randrange(self.plan.n_authors)
        parent = rng.choice(earlier).comment_id if earlier and rng.random() < 0.4 else 0
        roll = rng.random()
        gmt = local - LOCAL_OFFSET
        return CommentRecord(
            comment_id=comment_id,
            author=author_login(author) if registered else rng.choice(("Ana", "Bo Li", "Layla", "สมชาย", "Zoë")),
            author_email=f"reader{comment_id % 97}@mail.example",
            author_url=f"https://reader{comment_id % 13}.example/?ref=bench&id={comment_id}" if roll < 0.3 else "",
            date=mysql(local),
            date_gmt=mysql(gmt),
            content=self.content.remark(),
            parent=parent,
            user_id=author + 1 if registered else 0,
            approved="1" if roll < 0.85 else ("0" if roll < 0.95 else "trash"),
            comment_type="pingback" if roll > 0.97 else "comment",
            meta=wxr_meta.comment_meta(rng, int(gmt.timestamp())),
        )

    def page(self, index: int) -> ItemRecord:
        """A page with a parent page earlier or later in the file, an order and a template."""
        rng, plan = self.rng, self.plan
        body = self.content.block_content(self.content.length(4), image_id=0, pattern_id=0)
        item = self.base(index, "page", self.status(), title=self.content.title(index), content=body)
        roll = rng.random()
        item.parent = (
            plan.reference("page", index, block_delta=-1 if roll < 0.3 else 1, pick=index) if roll < 0.6 else 0
        )
        item.menu_order = rng.randint(0, 20)
        item.guid = f"{SITE_URL}/?page_id={item.post_id}"
        item.meta = (item.meta or []) + [("_wp_page_template", rng.choice(("default", "templates/full-width.php")))]
        image = plan.reference("attachment", index, block_delta=1, pick=index)
        if image and rng.random() < 0.3:
            item.meta.append(("_thumbnail_id", str(image)))
        return self.finish(item, 1_600_000_000 + index)

    def attachment(self, index: int) -> ItemRecord:
        """An upload attached to a post of the same block (earlier or later) or unattached."""
        rng, plan = self.rng, self.plan
        item = self.base(index, "attachment", "inherit", title=f"img-{plan.post_id(index)}", content="")
        upload = wxr_meta.attachment_file(rng, item.post_id, item.post_date[:7].replace("-", "/"))
        item.parent = plan.reference("post", index, block_delta=0, pick=index) if rng.random() < 0.7 else 0
        item.content = self.content.paragraph() if rng.random() < 0.3 else ""
        item.excerpt = f"Caption {item.post_id} – تعليق" if rng.random() < 0.4 else ""
        item.link = f"{SITE_URL}/?attachment_id={item.post_id}"
        item.guid = item.attachment_url = upload.url
        item.comment_status, item.ping_status = "open", "closed"
        item.meta = upload.meta
        return item

    def revision(self, index: int) -> ItemRecord:
        """A revision or autosave of a post in the same block (which may come later in the file)."""
        parent = self.plan.nearby("post", index, block_delta=0, pick=index)
        body = self.content.block_content(self.content.length(4), image_id=0, pattern_id=0)
        item = self.base(index, "revision", "inherit", title=self.content.title(index), content=body)
        kind = "autosave" if index % 10 == 0 else "revision"
        item.parent, item.slug, item.meta = parent, f"{parent}-{kind}-v1", []
        if self.rng.random() < 0.1:
            item.meta.append(("footnotes", "[]"))
        group = self.plan.acf_group_of(index)
        if group >= 0 and self.rng.random() < 0.35:
            # ACF copies the parent's field values onto each revision it creates.
            item.meta += wxr_acf.acf_values(self.plan, group, self.rng, ())
        return item

    def nav_menu_item(self, index: int) -> ItemRecord:
        """A menu entry in the block's menu; its label is empty when it follows the linked page's title."""
        plan = self.plan
        meta = wxr_meta.menu_item_meta(plan, index, self.rng, category_ids=plan.n_categories)
        label = "" if meta[0][1] == "post_type" else self.content.title(index)
        item = self.base(index, "nav_menu_item", "publish", title=label, content="")
        block, slot = plan.position(index)
        item.slug = label.lower().replace(" ", "-") if label else str(item.post_id)
        item.menu_order = plan.offsets["nav_menu_item"].index(slot) + 1
        item.terms = [menu_term(block % plan.n_menus)]
        item.meta = meta
        return item

    def event(self, index: int) -> ItemRecord:
        """An ``ai1ec_event`` post: its description, event categories and the plugin's post meta."""
        rng, plan = self.rng, self.plan
        body = self.content.classic_content(self.content.length(4), image_id=0, gallery=())
        item = self.base(index, "ai1ec_event", self.status(), title=self.content.title(index), content=body)
        item.comment_status = "open"
        item.terms = [event_category_term(rng.randrange(plan.n_event_categories))]
        item.meta = (item.meta or []) + wxr_meta.event_meta(rng, item.post_id, item.creator)
        image = plan.reference("attachment", index, block_delta=0, pick=index)
        if image and rng.random() < 0.5:
            item.meta.append(("_thumbnail_id", str(image)))
        return self.finish(item, 1_600_000_000 + index)

    def acf(self, index: int) -> ItemRecord:
        """A field group (first slot of each group) or one of its field definitions."""
        plan = self.plan
        group, slot = divmod(index, ACF_ITEMS_PER_GROUP)
        if slot == 0:
            title = f"Beitragsfelder {group}"
            item = self.base(index, "acf-field-group", "publish", title=title, content=wxr_acf.group_settings())
            item.slug, item.excerpt, item.menu_order = plan.acf_group_key(group), f"beitragsfelder-{group}", group
            return item
        field = wxr_acf.field_at(index)
        settings = wxr_acf.field_settings(plan, group, field)
        item = self.base(index, "acf-field", "publish", title=field.label, content=settings)
        item.slug, item.excerpt = plan.acf_field_key(group, field.number), wxr_acf.field_name(group, field)
        parent_slot = field.parent or 0
        item.parent = plan.post_id(group * ACF_ITEMS_PER_GROUP + parent_slot)
        item.menu_order = field.number - 1 - (parent_slot if field.parent else 0)
        item.meta = []
        return item


def author_login(number: int) -> str:
    """Login of the n-th author (0-based)."""
    return f"author{number + 1}"


def category_term(number: int) -> tuple[str, str, str]:
    """Item-level ``<category>`` reference to the n-th category."""
    return ("category", f"category-{number + 1}", f"Kategorie {number + 1}")


def tag_term(number: int) -> tuple[str, str, str]:
    """Item-level reference to the n-th tag."""
    return ("post_tag", f"tag-{number + 1}", f"Tag {number + 1} وسم")


def menu_term(number: int) -> tuple[str, str, str]:
    """Item-level reference to the n-th nav menu."""
    return ("nav_menu", f"menu-{number + 1}", f"Menu {number + 1}")


def event_category_term(number: int) -> tuple[str, str, str]:
    """Item-level reference to the n-th event category."""
    return ("events_categories", f"events-{number + 1}", f"Events {number + 1}")
