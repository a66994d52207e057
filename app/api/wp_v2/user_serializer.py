"""One user as ``WP_REST_Users_Controller::prepare_item_for_response`` shapes it for readers (WordPress 6.1)."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from typing import Any

from app.api.wp_v2.permalinks import Site
from app.users.models import User

_EMBED_FIELDS = frozenset({"id", "name", "url", "description", "link", "slug", "avatar_urls"})
AVATAR_SIZES = (24, 48, 96)
# What _wp_specialchars escapes without double encoding: an ampersand that starts no character reference, < and >.
_NAME_SPECIALS = re.compile(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9A-Fa-f]+;)|<|>")
_ESCAPED = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def stored_name(name: str) -> str:
    """A person's name as WordPress stores it: ``pre_user_display_name`` and ``pre_comment_author_name`` end in
    ``_wp_specialchars`` (``Communications &amp; Media``), and the REST API shows the name as stored.

    An export from WordPress already carries the escaped form, which this leaves as it is.
    """
    return _NAME_SPECIALS.sub(lambda special: _ESCAPED[special.group(0)], name)


def avatar_urls(email: str) -> dict[str, str]:
    """``rest_get_avatar_urls``: Gravatar by the e-mail's MD5, on server ``hexdec(hash[0]) % 3``."""
    digest = hashlib.md5(email.strip().lower().encode(), usedforsecurity=False).hexdigest()
    server = int(digest[0], 16) % 3
    return {str(size): f"http://{server}.gravatar.com/avatar/{digest}?s={size}&d=mm&r=g" for size in AVATAR_SIZES}


def author_link(user: User, site: Site) -> str:
    """``get_author_posts_url``."""
    if not site.permalink_structure:
        return f"{site.home}/?author={user.id}"
    return site.trailing(f"{site.home}/author/{user.nicename}")


def serialize_user(user: User, site: Site, context: str, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """The public fields only: e-mail, login, roles and capabilities belong to ``edit``."""
    data: dict[str, Any] = {
        "id": user.id,
        "name": stored_name(user.display_name),
        "url": user.url,
        "description": user.description,
        "link": author_link(user, site),
        "slug": user.nicename,
        "avatar_urls": avatar_urls(user.email),
        # No user meta is registered for REST in WordPress 6.1: an empty array.
        "meta": [],
    }
    # Fields beyond core's (acf) follow them, as register_rest_field adds them.
    data |= extra or {}
    root = f"{site.rest_root}wp/v2/users"
    data["_links"] = {"self": [{"href": f"{root}/{user.id}"}], "collection": [{"href": root}]}
    if context == "embed":
        data = {key: value for key, value in data.items() if key in _EMBED_FIELDS or key == "_links"}
    return data
