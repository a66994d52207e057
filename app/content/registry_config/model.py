"""What ``register_post_type``, ``register_taxonomy`` and ``register_post_status`` record, as far as the API needs."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rewrite:
    """``rewrite``: where the public archive and item URLs live under pretty permalinks."""

    # '' stands for the post type's or taxonomy's own name, WordPress's default slug.
    slug: str = ""
    # Whether the permalink structure's static front (``/blog/`` of ``/blog/%postname%/``) comes first.
    with_front: bool = True
    # Taxonomies: whether a term's link spells out its ancestors' slugs (``/category/parent/child/``).
    hierarchical: bool = False


@dataclass(frozen=True, slots=True)
class PostTypeRegistration:
    """One post type: the ``register_post_type`` arguments the REST API and visibility depend on."""

    name: str
    label: str
    public: bool = False
    show_in_rest: bool = False
    rest_base: str = ""
    hierarchical: bool = False
    has_archive: bool | str = False
    supports: tuple[str, ...] = ("title", "editor")
    # register_post_type's ``taxonomies``: linked like register_taxonomy_for_object_type.
    taxonomies: tuple[str, ...] = ()
    icon: str | None = None
    description: str = ""
    # None: ``rewrite => false`` (items are linked by query string).
    rewrite: Rewrite | None = Rewrite()

    @property
    def rewrite_slug(self) -> str | None:
        """The URL segment of its items, or None without rewrite rules."""
        return None if self.rewrite is None else self.rewrite.slug or self.name

    @property
    def is_served(self) -> bool:
        """Whether the posts controller has a route for it (public and ``show_in_rest``)."""
        return self.public and self.show_in_rest


@dataclass(frozen=True, slots=True)
class TaxonomyRegistration:
    """One taxonomy: the ``register_taxonomy`` arguments the REST API depends on."""

    name: str
    label: str
    object_types: tuple[str, ...] = ()
    public: bool = True
    show_in_rest: bool = False
    rest_base: str = ""
    hierarchical: bool = False
    description: str = ""
    rewrite: Rewrite | None = Rewrite()

    @property
    def rewrite_slug(self) -> str | None:
        """The URL segment of its term archives, or None without rewrite rules."""
        return None if self.rewrite is None else self.rewrite.slug or self.name


@dataclass(frozen=True, slots=True)
class PostStatusRegistration:
    """One post status: the ``register_post_status`` arguments ``/wp/v2/statuses`` shows."""

    name: str
    label: str
    public: bool = False
    protected: bool = False
    private: bool = False
    internal: bool = False
    show_in_list: bool = True
    date_floating: bool = False

    @property
    def queryable(self) -> bool:
        """``publicly_queryable`` defaults to ``public`` for statuses."""
        return self.public


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """The declarations of one site configuration file, in file order."""

    post_types: tuple[PostTypeRegistration, ...] = ()
    taxonomies: tuple[TaxonomyRegistration, ...] = ()
    post_statuses: tuple[PostStatusRegistration, ...] = ()
