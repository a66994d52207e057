"""A menu as the nested tree front ends render, keeping only what the caller may follow."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from app.menus.queries import ResolvedItem


@dataclass(slots=True)
class MenuNode:
    """One visible item and its visible children, in menu order."""

    item: ResolvedItem
    children: list[MenuNode] = field(default_factory=list)


def build_tree(items: Sequence[ResolvedItem], is_visible: Callable[[ResolvedItem], bool]) -> list[MenuNode]:
    """Nest items under their menu parent; a hidden item takes its whole subtree with it.

    ``wp_get_nav_menu_items`` drops invalid items on the front end; an item whose parent is not in the
    menu at all is shown at the top level, as ``Walker::walk`` does with orphans.
    """
    ordered = sorted(items, key=lambda item: (item.row.entry.menu_order, item.id))
    by_id = {item.id: item for item in ordered}
    nodes = {item.id: MenuNode(item) for item in ordered if _shown(item, by_id, is_visible)}
    roots: list[MenuNode] = []
    for node in nodes.values():
        parent = node.item.row.item.parent_item_id
        siblings = nodes[parent].children if parent in nodes else roots
        siblings.append(node)
    return roots


def _shown(item: ResolvedItem, by_id: dict[int, ResolvedItem], is_visible: Callable[[ResolvedItem], bool]) -> bool:
    """Visible, and so is every ancestor; a parent cycle hides the items in it."""
    seen: set[int] = set()
    current: ResolvedItem | None = item
    while current is not None:
        if current.id in seen or not is_visible(current):
            return False
        seen.add(current.id)
        current = by_id.get(current.row.item.parent_item_id)
    return True
