"""Reading the site configuration file: ``[post_types.<name>]``, ``[taxonomies.<name>]``, ``[post_statuses.<name>]``."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from app.content.registry_config.model import (
    PostStatusRegistration,
    PostTypeRegistration,
    Rewrite,
    SiteConfig,
    TaxonomyRegistration,
)
from app.core.errors import ConfigurationError

_NAME = re.compile(r"^[a-z0-9_-]{1,32}$")
_REST_BASE = re.compile(r"^[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*$")

_POST_TYPE_KEYS = frozenset(
    {"public", "show_in_rest", "rest_base", "hierarchical", "has_archive", "supports", "taxonomies", "labels",
     "menu_icon", "description", "rewrite"}
)  # fmt: skip
_TAXONOMY_KEYS = frozenset(
    {"public", "show_in_rest", "rest_base", "hierarchical", "object_type", "labels", "description", "rewrite"}
)
_REWRITE_KEYS = frozenset({"slug", "with_front", "hierarchical"})
_SLUG = re.compile(r"^[A-Za-z0-9_.~-]+(/[A-Za-z0-9_.~-]+)*$")
_STATUS_KEYS = frozenset({"label", "public", "protected", "private", "internal", "show_in_list", "date_floating"})


R = TypeVar("R")


class SiteConfigError(ConfigurationError):
    """A site configuration file that cannot be used; the message names file, key and line."""


class _Source:
    """One configuration file's text, to point errors at the line of a key."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def error(self, section: str, name: str, key: str | None, problem: str) -> SiteConfigError:
        dotted = f"{section}.{name}" + (f".{key}" if key else "")
        line = self._line_of(section, name, key)
        where = f"{self.path}, line {line}" if line else str(self.path)
        return SiteConfigError(f"{where}: {dotted}: {problem}")

    def _line_of(self, section: str, name: str, key: str | None) -> int | None:
        header = re.compile(rf'^\s*\[\s*{re.escape(section)}\s*\.\s*"?{re.escape(name)}"?\s*\]')
        start = next((number for number, line in enumerate(self.lines) if header.match(line)), None)
        if start is None or key is None:
            return None if start is None else start + 1
        pattern = re.compile(rf'^\s*"?{re.escape(key)}"?\s*[=.]')
        for number in range(start + 1, len(self.lines)):
            if self.lines[number].lstrip().startswith("["):
                break
            if pattern.match(self.lines[number]):
                return number + 1
        return start + 1


def load_site_config(path: Path) -> SiteConfig:
    """The declarations in ``path``; a missing file declares nothing (the defaults apply)."""
    if not path.is_file():
        return SiteConfig()
    return parse_site_config(path.read_text(encoding="utf-8"), path)


def parse_site_config(text: str, path: Path) -> SiteConfig:
    """Parse and validate a configuration file's ``text``; ``path`` names it in error messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SiteConfigError(f"{path}: not valid TOML: {exc}") from None
    source = _Source(path, text)
    unknown = sorted(set(document) - {"post_types", "taxonomies", "post_statuses"})
    if unknown:
        raise SiteConfigError(f"{path}: unknown section {unknown[0]!r} (post_types, taxonomies, post_statuses)")
    return SiteConfig(
        post_types=_declarations(document, "post_types", source, _post_type),
        taxonomies=_declarations(document, "taxonomies", source, _taxonomy),
        post_statuses=_declarations(document, "post_statuses", source, _post_status),
    )


def _declarations(
    document: dict[str, Any], section: str, source: _Source, build: Callable[[str, _Reader], R]
) -> tuple[R, ...]:
    tables = document.get(section, {})
    if not isinstance(tables, dict):
        raise SiteConfigError(f"{source.path}: {section} must be a table of [{section}.<name>] tables")
    declared: list[R] = []
    for name, table in tables.items():
        if not isinstance(table, dict):
            raise source.error(section, name, None, "must be a table")
        if not _NAME.match(name):
            raise source.error(section, name, None, "names are 1-32 characters: lowercase letters, digits, _ and -")
        declared.append(build(name, _Reader(source, section, name, table)))
    return tuple(declared)


class _Reader:
    """Typed access to one declaration's keys, each failure naming the key."""

    def __init__(self, source: _Source, section: str, name: str, table: dict[str, Any]) -> None:
        self.source, self.section, self.name, self.table = source, section, name, table

    def check_keys(self, allowed: frozenset[str]) -> None:
        for key in self.table:
            if key not in allowed:
                raise self.fail(key, f"unknown key (allowed: {', '.join(sorted(allowed))})")

    def fail(self, key: str | None, problem: str) -> SiteConfigError:
        return self.source.error(self.section, self.name, key, problem)

    def boolean(self, key: str, default: bool) -> bool:
        value = self.table.get(key, default)
        if not isinstance(value, bool):
            raise self.fail(key, "must be true or false")
        return value

    def text(self, key: str, default: str) -> str:
        value = self.table.get(key, default)
        if not isinstance(value, str):
            raise self.fail(key, "must be a string")
        return value

    def names(self, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
        value = self.table.get(key, list(default))
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(item, str) and item for item in value):
            raise self.fail(key, "must be a list of strings")
        return tuple(value)

    def rest_base(self, default: str) -> str:
        value = self.text("rest_base", default)
        if not _REST_BASE.match(value):
            raise self.fail("rest_base", "must be a URL path segment: letters, digits, _, - (and / between parts)")
        return value

    def rewrite(self) -> Rewrite | None:
        """``rewrite``: true (the default: the name as slug), false, or ``{ slug, with_front, hierarchical }``."""
        value = self.table.get("rewrite", True)
        if isinstance(value, bool):
            return Rewrite() if value else None
        problem = 'must be true, false or a table such as { slug = "partners", with_front = false }'
        if not isinstance(value, dict):
            raise self.fail("rewrite", problem)
        unknown = sorted(set(value) - _REWRITE_KEYS)
        if unknown:
            raise self.fail("rewrite", f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_REWRITE_KEYS))})")
        slug = value.get("slug", "")
        if not isinstance(slug, str) or (slug and not _SLUG.match(slug.strip("/"))):
            raise self.fail("rewrite", "slug must be a URL path: letters, digits, _, -, . and ~ (and / between parts)")
        flags = {key: value.get(key, key == "with_front") for key in ("with_front", "hierarchical")}
        if not all(isinstance(flag, bool) for flag in flags.values()):
            raise self.fail("rewrite", "with_front and hierarchical must be true or false")
        return Rewrite(slug.strip("/"), with_front=flags["with_front"], hierarchical=flags["hierarchical"])

    def label(self, default: str) -> str:
        """``labels.name``, the plural label ``/wp/v2/types`` and ``/taxonomies`` show as ``name``."""
        labels = self.table.get("labels", {})
        if not isinstance(labels, dict) or not all(isinstance(value, str) for value in labels.values()):
            raise self.fail("labels", 'must be a table of strings, e.g. { name = "Partners" }')
        return str(labels.get("name", default))


def _post_type(name: str, reader: _Reader) -> PostTypeRegistration:
    reader.check_keys(_POST_TYPE_KEYS)
    hierarchical = reader.boolean("hierarchical", False)
    has_archive: Any = reader.table.get("has_archive", False)
    if not isinstance(has_archive, bool | str):
        raise reader.fail("has_archive", "must be true, false or an archive slug")
    return PostTypeRegistration(
        name=name,
        # register_post_type's default labels: "Pages" for hierarchical types, "Posts" otherwise.
        label=reader.label("Pages" if hierarchical else "Posts"),
        public=reader.boolean("public", True),
        show_in_rest=reader.boolean("show_in_rest", True),
        rest_base=reader.rest_base(name),
        hierarchical=hierarchical,
        has_archive=has_archive,
        supports=reader.names("supports", ("title", "editor")),
        taxonomies=reader.names("taxonomies", ()),
        icon=reader.text("menu_icon", "") or None,
        description=reader.text("description", ""),
        rewrite=reader.rewrite(),
    )


def _taxonomy(name: str, reader: _Reader) -> TaxonomyRegistration:
    reader.check_keys(_TAXONOMY_KEYS)
    hierarchical = reader.boolean("hierarchical", False)
    return TaxonomyRegistration(
        name=name,
        # register_taxonomy's default labels: "Categories" for hierarchical taxonomies, "Tags" otherwise.
        label=reader.label("Categories" if hierarchical else "Tags"),
        object_types=reader.names("object_type", ()),
        public=reader.boolean("public", True),
        show_in_rest=reader.boolean("show_in_rest", True),
        rest_base=reader.rest_base(name),
        hierarchical=hierarchical,
        description=reader.text("description", ""),
        rewrite=reader.rewrite(),
    )


def _post_status(name: str, reader: _Reader) -> PostStatusRegistration:
    reader.check_keys(_STATUS_KEYS)
    return PostStatusRegistration(
        name=name,
        label=reader.text("label", name),
        public=reader.boolean("public", False),
        protected=reader.boolean("protected", False),
        private=reader.boolean("private", False),
        internal=reader.boolean("internal", False),
        show_in_list=reader.boolean("show_in_list", True),
        date_floating=reader.boolean("date_floating", False),
    )
