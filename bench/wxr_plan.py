"""Where every item of the synthetic export sits, computed from its index so nothing is held in memory.

Items after the ACF definitions repeat a 100-slot block whose mix of post types is shuffled once per
seed. Knowing the block layout, any item can name an attachment, page or post that comes earlier or
later in the file (WordPress exports in ID order, so references point both ways) without a lookup table.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

BLOCK_SIZE = 100
FIRST_POST_ID = 10
ACF_ITEMS_PER_GROUP = 10

# Per 100 items: the mix the benchmark asks for; the rest of the block is pages.
BLOCK_MIX: dict[str, int] = {
    "post": 45,
    "attachment": 20,
    "revision": 8,
    "nav_menu_item": 3,
    "ai1ec_event": 3,
    "wp_block": 2,
    "partner": 1,
}
BLOCK_MIX["page"] = BLOCK_SIZE - sum(BLOCK_MIX.values())

# Rare types replace the first page slot of a few blocks: one custom_css for the theme, then a
# changeset, an oEmbed cache entry and a privacy request every 25 blocks.
SPECIAL_EVERY = 25
SPECIAL_CYCLE = ("", "customize_changeset", "oembed_cache", "user_request")


def _count(n_items: int, per: int, minimum: int) -> int:
    return max(minimum, round(n_items / per))


@dataclass(frozen=True)
class SitePlan:
    """Counts of authors and terms, and the post type and ID of every item, for one seed and size."""

    n_items: int
    seed: int
    slots: tuple[str, ...] = field(init=False)
    offsets: dict[str, tuple[int, ...]] = field(init=False)

    def __post_init__(self) -> None:
        kinds = [kind for kind, count in BLOCK_MIX.items() for _ in range(count)]
        random.Random(f"slots-{self.seed}").shuffle(kinds)
        offsets = {kind: tuple(i for i, slot in enumerate(kinds) if slot == kind) for kind in BLOCK_MIX}
        object.__setattr__(self, "slots", tuple(kinds))
        object.__setattr__(self, "offsets", offsets)

    @property
    def n_authors(self) -> int:
        return _count(self.n_items, 2000, 3)

    @property
    def n_categories(self) -> int:
        return _count(self.n_items, 100, 6)

    @property
    def n_tags(self) -> int:
        return _count(self.n_items, 100, 10)

    @property
    def n_event_categories(self) -> int:
        return _count(self.n_items, 2000, 4)

    @property
    def n_menus(self) -> int:
        return 3

    @property
    def n_acf_groups(self) -> int:
        groups = _count(self.n_items, 1000, 1)
        return min(groups, self.n_items // ACF_ITEMS_PER_GROUP)

    @property
    def n_acf_items(self) -> int:
        return self.n_acf_groups * ACF_ITEMS_PER_GROUP

    def post_id(self, index: int) -> int:
        """The ``wp:post_id`` of the item at ``index`` (0-based position in the file)."""
        return FIRST_POST_ID + index

    def position(self, index: int) -> tuple[int, int]:
        """Block number and slot within the block of a content item."""
        return divmod(index - self.n_acf_items, BLOCK_SIZE)

    def post_type(self, index: int) -> str:
        """The post type of the item at ``index``."""
        if index < self.n_acf_items:
            return "acf-field-group" if index % ACF_ITEMS_PER_GROUP == 0 else "acf-field"
        block, slot = self.position(index)
        kind = self.slots[slot]
        if kind == "page" and slot == self.offsets["page"][0]:
            return self._special(block) or kind
        return kind

    def _special(self, block: int) -> str:
        if block == 0:
            return "custom_css"
        return SPECIAL_CYCLE[block % SPECIAL_EVERY] if block % SPECIAL_EVERY < len(SPECIAL_CYCLE) else ""

    def reference(self, kind: str, index: int, *, block_delta: int, pick: int) -> int:
        """Post ID of a ``kind`` item ``block_delta`` blocks away (0 when that falls outside the file)."""
        choices = self.offsets[kind][1:] if kind == "page" else self.offsets[kind]
        block, _ = self.position(index)
        target = self.n_acf_items + (block + block_delta) * BLOCK_SIZE + choices[pick % len(choices)]
        if not self.n_acf_items <= target < self.n_items:
            return 0
        return self.post_id(target)

    def nearby(self, kind: str, index: int, *, block_delta: int, pick: int) -> int:
        """Like :meth:`reference`, falling back to this block and then the previous one at the file's edges."""
        for delta in (block_delta, 0, -1):
            target = self.reference(kind, index, block_delta=delta, pick=pick)
            if target:
                return target
        return 0

    def menu_parent(self, index: int) -> int:
        """The first menu item of the same block is the parent of the block's later menu items."""
        block, slot = self.position(index)
        first = self.offsets["nav_menu_item"][0]
        return 0 if slot == first else self.post_id(self.n_acf_items + block * BLOCK_SIZE + first)

    def acf_group_of(self, index: int) -> int:
        """Which ACF field group's values a post carries."""
        return index % self.n_acf_groups if self.n_acf_groups else -1

    def acf_field_key(self, group: int, field: int) -> str:
        """``field_`` + 13 hex digits, like ``uniqid()`` keys that ACF gives fields."""
        return f"field_{0x65A1B2C000000 + (self.seed & 0xFFF) * 0x1000000 + group * 16 + field:013x}"

    def acf_group_key(self, group: int) -> str:
        """``group_`` + 13 hex digits."""
        return f"group_{0x65A1B2C000000 + (self.seed & 0xFFF) * 0x1000000 + group * 16:013x}"
