"""What a caller may read: statuses, post types, password-protected content, edit context.

Every read path (single items and every list) asks these functions, so a draft, a private
post or a privacy request cannot leak through one endpoint that forgot a filter. For now only
anonymous callers exist; authenticated callers will carry capabilities here.
"""

from __future__ import annotations

import hmac
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, and_, false, true
from sqlmodel import col

from app.content.models import Entry
from app.content.registry_config.registry import is_public_post_type

# Post types whose published items anyone may read (WordPress: public, show_in_rest, and read
# mapped to the plain ``read_post`` check). ``wp_block``, ``nav_menu_item``, ``user_request``,
# ``customize_changeset``, ``oembed_cache``, ``custom_css``, revisions and ACF definitions are not.
PUBLIC_POST_TYPES = frozenset({"post", "page", "attachment", "ai1ec_event"})

# ``get_post_stati( array( 'public' => true ) )``: the only status an anonymous caller may see.
PUBLIC_STATUSES = frozenset({"publish"})
# Attachments are never published: they are 'inherit' (the attachments controller's default status), and
# check_read_permission then follows each one's parent.
_READABLE_STATUSES = {"attachment": frozenset({"inherit"})}


@dataclass(frozen=True, slots=True)
class Caller:
    """The user behind a request; ``user_id`` None is an anonymous visitor."""

    user_id: int | None = None
    capabilities: frozenset[str] = field(default_factory=frozenset)

    @property
    def is_anonymous(self) -> bool:
        return self.user_id is None

    def can(self, capability: str) -> bool:
        """Whether the caller holds ``capability`` (WordPress's ``current_user_can``)."""
        return capability in self.capabilities


ANONYMOUS = Caller()


def get_caller() -> Caller:
    """The caller of the current request; authentication is not wired yet, so always anonymous."""
    return ANONYMOUS


# ``populate_roles``: what the editor role may do that matters for reading. Only code builds such a
# caller (``editor``); no HTTP authentication exists yet, so ``get_caller`` never returns one.
EDITOR_CAPABILITIES = frozenset({
    "read", "edit_posts", "edit_others_posts", "edit_published_posts", "edit_private_posts", "publish_posts",
    "read_private_posts", "edit_pages", "edit_others_pages", "edit_published_pages", "edit_private_pages",
    "publish_pages", "read_private_pages", "manage_categories", "moderate_comments", "upload_files",
})  # fmt: skip
# The administrator adds site management; ``edit_theme_options`` is what menu locations need.
ADMINISTRATOR_CAPABILITIES = EDITOR_CAPABILITIES | {"edit_theme_options", "list_users", "manage_options"}


def editor(user_id: int) -> Caller:
    """A logged-in user with the editor role's capabilities."""
    return Caller(user_id=user_id, capabilities=EDITOR_CAPABILITIES)


def administrator(user_id: int) -> Caller:
    """A logged-in user with the administrator role's capabilities."""
    return Caller(user_id=user_id, capabilities=ADMINISTRATOR_CAPABILITIES)


def can_read_menus(caller: Caller) -> bool:
    """``check_has_read_only_access`` of the menu controllers: theme options, or editing any REST type."""
    if caller.can("edit_theme_options") or caller.can("edit_posts"):
        return True
    return any(caller.can(f"edit_{post_type}s") for post_type in PUBLIC_POST_TYPES)


def can_read_menu_locations(caller: Caller) -> bool:
    """``WP_REST_Menu_Locations_Controller``: only ``edit_theme_options`` lists locations."""
    return caller.can("edit_theme_options")


def can_edit(caller: Caller, post_type: str) -> bool:
    """Whether the caller may edit entries of ``post_type`` (needed for ``context=edit``)."""
    return caller.can(f"edit_{post_type}s") or caller.can("edit_others_posts")


def forbidden_statuses(caller: Caller, post_type: str, statuses: list[str]) -> list[str]:
    """Statuses the caller asked to list but may not (``sanitize_post_statuses``)."""
    if can_edit(caller, post_type):
        return []
    readable = _readable_statuses(post_type)
    return [status for status in statuses if status not in readable]


def _readable_statuses(post_type: str) -> frozenset[str]:
    return _READABLE_STATUSES.get(post_type, PUBLIC_STATUSES)


def can_read(entry: Entry, caller: Caller, *, parent: Entry | None = None) -> bool:
    """``check_read_permission``: published items of public types; ``inherit`` follows the parent."""
    if not is_public_post_type(entry.type) and not can_edit(caller, entry.type):
        return False
    if entry.status in PUBLIC_STATUSES or can_edit(caller, entry.type):
        return True
    if entry.status == "inherit":
        return parent is None or can_read(parent, caller)
    return False


def readable_filter(caller: Caller, post_type: str) -> ColumnElement[bool]:
    """The SQL condition every list adds so rows the caller may not read are never selected."""
    if can_edit(caller, post_type):
        return true()
    if not is_public_post_type(post_type):
        return false()
    return and_(col(Entry.type) == post_type, col(Entry.status).in_(sorted(_readable_statuses(post_type))))


def searchable_filter(caller: Caller) -> ColumnElement[bool]:
    """WordPress's search leaves password-protected posts out for visitors who are not logged in."""
    if caller.is_anonymous:
        return col(Entry.password) == ""
    return true()


def is_password_correct(entry: Entry, password: str) -> bool:
    """``hash_equals( $post->post_password, $password )``: constant-time comparison."""
    return hmac.compare_digest(entry.password.encode(), password.encode())


def can_see_content(entry: Entry, caller: Caller, *, password: str | None = None) -> bool:
    """Whether content and excerpt may be shown: unprotected, editable, or the right password given."""
    if not entry.password or can_edit(caller, entry.type):
        return True
    return password is not None and is_password_correct(entry, password)
