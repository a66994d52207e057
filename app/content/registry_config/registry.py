"""The site's registrations: built-in defaults, then the configuration file, then what the data holds."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from sqlalchemy import func, literal, select, union_all
from sqlalchemy.orm import Session
from sqlmodel import col

from app.content.models import Entry
from app.content.registry_config import defaults
from app.content.registry_config.config import load_site_config
from app.content.registry_config.model import (
    PostStatusRegistration,
    PostTypeRegistration,
    SiteConfig,
    TaxonomyRegistration,
)
from app.core.settings import get_settings
from app.taxonomy.models import Term, TermRelationship


@dataclass(frozen=True, slots=True)
class FoundContent:
    """What an import left in the database: post types, taxonomies and the types each taxonomy's terms tag."""

    post_types: frozenset[str] = frozenset()
    taxonomies: dict[str, frozenset[str]] | None = None


@dataclass(frozen=True, slots=True)
class Registry:
    """Every registered post type, taxonomy and post status, in registration order."""

    post_types: tuple[PostTypeRegistration, ...]
    taxonomies: tuple[TaxonomyRegistration, ...]
    post_statuses: tuple[PostStatusRegistration, ...]

    def post_type(self, name: str) -> PostTypeRegistration | None:
        """The post type called ``name``."""
        return next((item for item in self.post_types if item.name == name), None)

    def taxonomy(self, name: str) -> TaxonomyRegistration | None:
        """The taxonomy called ``name``."""
        return next((item for item in self.taxonomies if item.name == name), None)

    def post_status(self, name: str) -> PostStatusRegistration | None:
        """The post status called ``name``."""
        return next((item for item in self.post_statuses if item.name == name), None)

    def post_type_at(self, rest_base: str) -> PostTypeRegistration | None:
        """The REST-visible post type served under ``rest_base``."""
        return next((item for item in self.post_types if item.show_in_rest and item.rest_base == rest_base), None)

    def taxonomy_at(self, rest_base: str) -> TaxonomyRegistration | None:
        """The REST-visible taxonomy served under ``rest_base``."""
        return next((item for item in self.taxonomies if item.show_in_rest and item.rest_base == rest_base), None)

    def taxonomies_of(self, post_type: str) -> tuple[TaxonomyRegistration, ...]:
        """``get_object_taxonomies``: the taxonomies registered for ``post_type``, in registration order."""
        return tuple(item for item in self.taxonomies if post_type in item.object_types)


R = TypeVar("R", PostTypeRegistration, TaxonomyRegistration, PostStatusRegistration)


def _merge(base: tuple[R, ...], declared: tuple[R, ...]) -> tuple[R, ...]:
    """A declaration replaces the registration of the same name in place, or is appended."""
    by_name: dict[str, R] = {item.name: item for item in declared}
    merged: list[R] = [by_name.pop(item.name, item) for item in base]
    merged.extend(item for item in declared if item.name in by_name)
    return tuple(merged)


def _plugin_defaults(found: FoundContent) -> SiteConfig:
    """The plugins whose data the import holds registered their types, as they did on the site."""
    taxonomies = found.taxonomies or {}
    has_events = "ai1ec_event" in found.post_types or any(
        name in taxonomies for name in ("events_categories", "events_tags")
    )
    has_acf = bool({"acf-field-group", "acf-field"} & found.post_types)
    has_shop = bool(defaults.SHOP_TYPES & found.post_types)
    return SiteConfig(
        post_types=(*defaults.CORE_POST_TYPES, *(defaults.EVENT_POST_TYPES if has_events else ()),
                    *(defaults.ACF_POST_TYPES if has_acf else ()), *(defaults.SHOP_POST_TYPES if has_shop else ())),
        taxonomies=(*defaults.CORE_TAXONOMIES, *(defaults.EVENT_TAXONOMIES if has_events else ()),
                    *(defaults.SHOP_TAXONOMIES if has_shop else ())),
        post_statuses=(*defaults.CORE_POST_STATUSES, *(defaults.ACF_POST_STATUSES if has_acf else ()),
                       *(defaults.SHOP_POST_STATUSES if has_shop else ())),
    )  # fmt: skip


def _undeclared(found: FoundContent, known: SiteConfig) -> SiteConfig:
    """Imported types and taxonomies nobody declared: WordPress's defaults, served under their own name."""
    type_names = {item.name for item in known.post_types}
    taxonomy_names = {item.name for item in known.taxonomies}
    taxonomies = found.taxonomies or {}
    return SiteConfig(
        post_types=tuple(
            PostTypeRegistration(name, "Posts", public=True, show_in_rest=True, rest_base=name)
            for name in sorted(found.post_types - type_names)
        ),
        taxonomies=tuple(
            TaxonomyRegistration(name, "Tags", tuple(sorted(taxonomies[name])), show_in_rest=True, rest_base=name)
            for name in sorted(set(taxonomies) - taxonomy_names)
        ),
    )


def _link_post_type_taxonomies(
    taxonomies: tuple[TaxonomyRegistration, ...], post_types: tuple[PostTypeRegistration, ...]
) -> tuple[TaxonomyRegistration, ...]:
    """register_post_type's ``taxonomies`` argument adds the type to each taxonomy's object types."""
    linked = []
    for taxonomy in taxonomies:
        extra = tuple(item.name for item in post_types if taxonomy.name in item.taxonomies)
        object_types = (*taxonomy.object_types, *(name for name in extra if name not in taxonomy.object_types))
        linked.append(replace(taxonomy, object_types=object_types))
    return tuple(linked)


def build_registry(config: SiteConfig, found: FoundContent | None = None) -> Registry:
    """Merge the built-in defaults, the site's declarations and the undeclared content ``found``."""
    found = found or FoundContent()
    base = _plugin_defaults(found)
    declared = SiteConfig(
        post_types=_merge(base.post_types, config.post_types),
        taxonomies=_merge(base.taxonomies, config.taxonomies),
        post_statuses=_merge(base.post_statuses, config.post_statuses),
    )
    extra = _undeclared(found, declared)
    post_types = (*declared.post_types, *extra.post_types)
    taxonomies = _link_post_type_taxonomies((*declared.taxonomies, *extra.taxonomies), post_types)
    return Registry(post_types, taxonomies, declared.post_statuses)


def find_content(session: Session) -> FoundContent:
    """The post types and taxonomies the database holds, and which post types each taxonomy tags (one query)."""
    types = select(literal("type"), col(Entry.type), literal("")).distinct()
    tagged = (
        select(literal("taxonomy"), col(Term.taxonomy), func.coalesce(col(Entry.type), ""))
        .outerjoin(TermRelationship, col(TermRelationship.term_id) == col(Term.id))
        .outerjoin(Entry, col(Entry.id) == col(TermRelationship.entry_id))
        .distinct()
    )
    post_types: set[str] = set()
    taxonomies: dict[str, set[str]] = {}
    for kind, name, post_type in session.execute(union_all(types, tagged)):
        if kind == "type":
            post_types.add(str(name))
        else:
            taxonomies.setdefault(str(name), set()).update({str(post_type)} - {""})
    return FoundContent(frozenset(post_types), {name: frozenset(types) for name, types in taxonomies.items()})


def site_config_path() -> Path:
    """The configuration file named by ``VELLUM_SITE_CONFIG``."""
    return get_settings().site_config


def current_site_config() -> SiteConfig:
    """The site configuration file's declarations, re-read when the file changes."""
    path = site_config_path()
    stamp = path.stat().st_mtime_ns if path.is_file() else None
    return _cached_config(path, stamp)


@lru_cache(maxsize=4)
def _cached_config(path: Path, stamp: int | None) -> SiteConfig:
    return load_site_config(path)


def site_registry(session: Session) -> Registry:
    """The registrations in force for the site in the database behind ``session``."""
    return build_registry(current_site_config(), find_content(session))


def is_public_post_type(post_type: str) -> bool:
    """Whether published items of ``post_type`` are public: as registered, or imported and undeclared."""
    return _is_public(current_site_config(), post_type)


@lru_cache(maxsize=256)
def _is_public(config: SiteConfig, post_type: str) -> bool:
    # As if only this type were found: a known plugin's defaults apply, an unknown type gets the undeclared default.
    registration = _declared_post_type(config, post_type)
    return registration is not None and registration.public


def declared_post_type(post_type: str) -> PostTypeRegistration | None:
    """How ``post_type`` is registered, as far as the configuration and known plugins say (no database read)."""
    return _declared_post_type(current_site_config(), post_type)


@lru_cache(maxsize=256)
def _declared_post_type(config: SiteConfig, post_type: str) -> PostTypeRegistration | None:
    return build_registry(config, FoundContent(frozenset({post_type}))).post_type(post_type)


def declared_taxonomy(taxonomy: str) -> TaxonomyRegistration | None:
    """How ``taxonomy`` is registered, as far as the configuration and known plugins say (no database read)."""
    return _declared_taxonomy(current_site_config(), taxonomy)


@lru_cache(maxsize=256)
def _declared_taxonomy(config: SiteConfig, taxonomy: str) -> TaxonomyRegistration | None:
    return build_registry(config, FoundContent(taxonomies={taxonomy: frozenset()})).taxonomy(taxonomy)
