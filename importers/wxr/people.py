"""Authors of an export become users; items find theirs by login (WXR 1.1+) or display name (WXR 1.0)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlmodel import col

from app.core.slugs import sanitize_title
from app.users.models import User
from app.users.service import UserWrite, find_user_by_login, save_users
from importers.wxr import provenance
from importers.wxr.records import Author
from importers.wxr.report import ImportReport


class AuthorsOptionError(ValueError):
    """``--authors`` names something that cannot be used."""


@dataclass
class People:
    session: Session
    source_id: int
    report: ImportReport
    assign_to: int | None = None
    by_login: dict[str, int] = field(default_factory=dict)
    by_display_name: dict[str, int] = field(default_factory=dict)
    by_author_id: dict[int, int] = field(default_factory=dict)  # the export's wp:author_id -> user
    # Called before the session is used: a batch may be being written with it (see importers.wxr.write_behind).
    wait_for_writes: Callable[[], None] = field(default=lambda: None, repr=False)

    @classmethod
    def for_option(cls, session: Session, source_id: int, report: ImportReport, option: str) -> People:
        """``create`` (default) makes users from the export's authors; ``assign:LOGIN`` gives everything to one."""
        people = cls(session=session, source_id=source_id, report=report)
        if option == "create":
            return people
        login = option.removeprefix("assign:")
        if not option.startswith("assign:") or not login:
            raise AuthorsOptionError(f"--authors must be 'create' or 'assign:LOGIN', not {option!r}")
        user = find_user_by_login(session, login)
        if user is None:
            raise AuthorsOptionError(f"--authors assign:{login}: no user with login {login!r}")
        people.assign_to = user.id
        return people

    def add_author(self, author: Author) -> None:
        """Create or update the user for an export author (users keep their WordPress IDs when free)."""
        if not author.login:
            # Items name their author by login; WordPress's importer cannot create a user without one either.
            self.report.users["skipped"] += 1
            self.report.skip("user", f"wp:author at line {author.line}", "the author has no wp:author_login")
            return
        if self.assign_to is not None:
            self.report.users["skipped"] += 1
            if author.id:
                self.by_author_id[author.id] = self.assign_to
            return
        fields = {
            "login": author.login,
            "nicename": _user_nicename(author.login),
            "email": author.email,
            "display_name": author.display_name or author.login,
            "first_name": author.first_name,
            "last_name": author.last_name,
            "source_id": self.source_id,
        }
        if author.extra:
            fields["extra"] = author.extra  # elements of the export nobody models, kept for a later export
        self._save(author.id, fields)

    def _save(self, wp_id: int | None, fields: dict[str, object]) -> None:
        self.wait_for_writes()
        value = provenance.digest(fields)
        login = str(fields["login"])
        existing = find_user_by_login(self.session, login)
        record = provenance.known(self.session, self.source_id, "user", [wp_id]) if wp_id else {}
        if existing is not None and existing.id is not None:
            user_id = existing.id
            same = all(getattr(existing, name) == wanted for name, wanted in fields.items())
            if same or (wp_id is not None and wp_id in record and record[wp_id][1] == value):
                self.report.users["unchanged"] += 1
            elif existing.source_id == self.source_id:
                save_users(self.session, [UserWrite(fields={**fields, "id": user_id})])
                self.report.users["updated"] += 1
            else:
                # An account with that login exists already: items are attributed to it, it is not changed.
                self.report.users["skipped"] += 1
                self.report.skip("user", login, "a user with this login already exists; its posts were assigned to it")
        else:
            wanted = wp_id if wp_id and self.session.get(User, wp_id) is None else None
            write = UserWrite(fields={**fields, "id": wanted})
            save_users(self.session, [write])
            user_id = int(write.fields["id"])
            self.report.users["added"] += 1
        if wp_id:
            provenance.remember(self.session, self.source_id, "user", [(wp_id, user_id, value)])
            self.by_author_id[wp_id] = user_id
        self.by_login[login] = user_id
        self.by_display_name.setdefault(str(fields["display_name"]), user_id)

    def commenter(self, wp_user_id: int) -> int:
        """A comment's user: the export author it names, else 0, as the WordPress Importer maps ``comment_user_id``
        (an ID from the old site that is no author of the export names no user here)."""
        return self.by_author_id.get(wp_user_id, 0) if wp_user_id else 0

    def author_of(self, creator: str) -> int | None:
        """The user an item's ``dc:creator`` names; WXR 1.0 names display names, so those are made users."""
        if self.assign_to is not None:
            return self.assign_to
        name = creator.strip()
        if not name:
            return None
        login = _nicename(name) or "author"
        found = self.by_login.get(name) or self.by_display_name.get(name) or self.by_login.get(login)
        if found is not None:
            return found
        self.wait_for_writes()
        user = (
            find_user_by_login(self.session, login)
            or self.session.scalars(select(User).where(col(User.display_name) == name)).first()
        )
        if user is None:
            fields = {"login": login, "nicename": login, "display_name": name, "source_id": self.source_id}
            write = UserWrite(fields=fields)
            save_users(self.session, [write])
            self.report.users["added"] += 1
            user_id = int(write.fields["id"])
        else:
            user_id = int(user.id or 0)
        self.by_display_name[name] = user_id
        return user_id


def _nicename(login: str) -> str:
    """WordPress's ``sanitize_title`` of a login, as ``user_nicename`` is made."""
    return re.sub(r"[^a-z0-9_-]+", "-", login.lower()).strip("-")[:50]


def _user_nicename(login: str) -> str:
    """``user_nicename`` as wp_insert_user() makes it: sanitize_title() of the login's first 50 characters (so
    "jane@example.org" is "janeexample-org": the "@" goes, the dot becomes a dash), at most 50 characters."""
    return sanitize_title(login[:50])[:50]
