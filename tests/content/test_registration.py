"""The site configuration file, the built-in registrations and how they merge with imported content."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session

from app.content.registry_config.config import SiteConfigError, load_site_config, parse_site_config
from app.content.registry_config.model import Rewrite
from app.content.registry_config.registry import (
    FoundContent,
    build_registry,
    find_content,
    is_public_post_type,
    site_registry,
)
from app.core import settings as core_settings
from tests.builders import make_entry, make_post, make_term

PARTNERS = """
[post_types.partner]
rest_base = "partners"
has_archive = true
menu_icon = "dashicons-groups"
supports = ["title", "editor", "excerpt", "thumbnail"]
labels = { name = "Partners", singular_name = "Partner" }

[taxonomies.region]
object_type = ["post"]
hierarchical = true
labels = { name = "Regions" }
"""


def _parse(text: str) -> None:
    parse_site_config(text, Path("site/vellum.toml"))


def test_a_declared_post_type_keeps_its_registration_options() -> None:
    config = parse_site_config(PARTNERS, Path("vellum.toml"))
    (partner,) = config.post_types
    assert (partner.name, partner.rest_base, partner.label, partner.icon) == (
        "partner", "partners", "Partners", "dashicons-groups"
    )  # fmt: skip
    assert partner.public
    assert partner.show_in_rest
    assert partner.has_archive is True
    assert partner.supports == ("title", "editor", "excerpt", "thumbnail")
    (region,) = config.taxonomies
    assert (region.rest_base, region.hierarchical, region.object_types, region.label) == (
        "region", True, ("post",), "Regions"
    )  # fmt: skip


def test_undeclared_options_take_wordpress_defaults_labels_follow_hierarchy() -> None:
    config = parse_site_config("[post_types.book]\nhierarchical = true\n[taxonomies.genre]\n", Path("v.toml"))
    assert (config.post_types[0].rest_base, config.post_types[0].label) == ("book", "Pages")
    assert (config.taxonomies[0].rest_base, config.taxonomies[0].label) == ("genre", "Tags")


def test_a_missing_file_declares_nothing(tmp_path: Path) -> None:
    config = load_site_config(tmp_path / "absent.toml")
    assert (config.post_types, config.taxonomies, config.post_statuses) == ((), (), ())


def test_errors_name_the_file_the_key_and_its_line() -> None:
    with pytest.raises(SiteConfigError, match=r"^site/vellum\.toml, line 4: post_types\.partner\.public: must be true"):
        _parse('# partners\n\n[post_types.partner]\npublic = "yes"\n')
    with pytest.raises(SiteConfigError, match=r"line 3: taxonomies\.region\.colour: unknown key"):
        _parse('[taxonomies.region]\nhierarchical = true\ncolour = "red"\n')
    with pytest.raises(SiteConfigError, match=r"line 2: post_types\.partner\.rest_base: must be a URL path"):
        _parse('[post_types.partner]\nrest_base = "our partners"\n')


def test_rewrite_is_the_name_by_default_false_or_a_table_of_slug_front_and_hierarchy() -> None:
    config = parse_site_config(
        '[post_types.partner]\nrewrite = { slug = "/partners/", with_front = false }\n'
        "[post_types.memo]\nrewrite = false\n[post_types.book]\n"
        '[taxonomies.region]\nrewrite = { slug = "regions", hierarchical = true }\n',
        Path("v.toml"),
    )
    partner, memo, book = config.post_types
    assert (partner.rewrite, partner.rewrite_slug) == (Rewrite("partners", with_front=False), "partners")
    assert (memo.rewrite, memo.rewrite_slug) == (None, None)
    assert (book.rewrite, book.rewrite_slug) == (Rewrite(), "book")
    assert config.taxonomies[0].rewrite == Rewrite("regions", with_front=True, hierarchical=True)
    with pytest.raises(SiteConfigError, match=r"line 2: post_types\.partner\.rewrite: must be true, false or a table"):
        _parse('[post_types.partner]\nrewrite = "partners"\n')
    with pytest.raises(SiteConfigError, match=r"rewrite: unknown key 'pages'"):
        _parse("[post_types.partner]\nrewrite = { pages = true }\n")
    with pytest.raises(SiteConfigError, match=r"rewrite: slug must be a URL path"):
        _parse('[taxonomies.region]\nrewrite = { slug = "our regions" }\n')
    with pytest.raises(SiteConfigError, match=r"rewrite: with_front and hierarchical must be true or false"):
        _parse('[taxonomies.region]\nrewrite = { hierarchical = "yes" }\n')


def test_core_and_plugin_rewrite_slugs() -> None:
    found = FoundContent(frozenset({"ai1ec_event"}), {"events_categories": frozenset({"ai1ec_event"})})
    registry = build_registry(parse_site_config("", Path("v.toml")), found)
    slugs = {item.name: item.rewrite_slug for item in registry.post_types if item.name in ("ai1ec_event", "wp_block")}
    assert slugs == {"ai1ec_event": "event", "wp_block": None}
    taxonomies = {item.name: item for item in registry.taxonomies}
    assert taxonomies["category"].rewrite == Rewrite("category", hierarchical=True)
    assert taxonomies["post_tag"].rewrite_slug == "tag"
    # Hierarchical terms, flat archive links: register_taxonomy's rewrite is not hierarchical unless asked.
    assert taxonomies["events_categories"].hierarchical
    assert taxonomies["events_categories"].rewrite == Rewrite()


def test_syntax_errors_unknown_sections_and_bad_names_are_refused() -> None:
    with pytest.raises(SiteConfigError, match=r"^site/vellum\.toml: not valid TOML: .*line 1"):
        _parse("[post_types.partner\n")
    with pytest.raises(SiteConfigError, match="unknown section 'menus'"):
        _parse("[menus.main]\n")
    with pytest.raises(SiteConfigError, match=r"post_types\.Partner Type: names are"):
        _parse('[post_types."Partner Type"]\n')
    with pytest.raises(SiteConfigError, match=r"labels: must be a table of strings"):
        _parse("[post_types.partner]\nlabels = 3\n")


def test_core_registrations_alone_when_nothing_was_imported() -> None:
    registry = build_registry(parse_site_config("", Path("v.toml")))
    assert [item.name for item in registry.post_types if item.show_in_rest] == [
        "post", "page", "attachment", "nav_menu_item", "wp_block", "wp_template", "wp_template_part", "wp_navigation"
    ]  # fmt: skip
    assert [item.name for item in registry.taxonomies if item.show_in_rest] == ["category", "post_tag", "nav_menu"]
    assert registry.post_type("ai1ec_event") is None


def test_known_plugins_register_their_types_when_their_content_was_imported() -> None:
    found = FoundContent(frozenset({"post", "ai1ec_event", "acf-field-group"}), {"events_tags": frozenset()})
    registry = build_registry(parse_site_config("", Path("v.toml")), found)
    events = registry.post_type_at("events")
    assert events is not None
    assert events.name == "ai1ec_event"
    assert events.has_archive is True
    assert [item.name for item in registry.taxonomies_of("ai1ec_event")] == ["events_categories", "events_tags"]
    status = registry.post_status("acf-disabled")
    assert status is not None
    assert status.public
    assert status.label == "Inactive"
    field_group = registry.post_type("acf-field-group")
    assert field_group is not None
    assert not field_group.public


def test_undeclared_imported_types_are_served_under_their_own_name() -> None:
    found = FoundContent(frozenset({"post", "partner"}), {"region": frozenset({"post"})})
    registry = build_registry(parse_site_config("", Path("v.toml")), found)
    partner, region = registry.post_type_at("partner"), registry.taxonomy_at("region")
    assert partner is not None
    assert partner.is_served
    assert region is not None
    assert region.object_types == ("post",)
    assert [item.name for item in registry.taxonomies_of("post")] == ["category", "post_tag", "post_format", "region"]


def test_declarations_override_defaults_in_place_and_follow_in_file_order() -> None:
    text = PARTNERS + '[post_types.page]\nrest_base = "sheets"\nhierarchical = true\n'
    found = FoundContent(frozenset({"partner", "zine"}), {"region": frozenset({"post"})})
    registry = build_registry(parse_site_config(text, Path("v.toml")), found)
    names = [item.name for item in registry.post_types]
    assert names.index("page") == 1
    assert names[-2:] == ["partner", "zine"]
    assert registry.post_type_at("sheets") is not None
    assert registry.post_type_at("pages") is None
    region = registry.taxonomy("region")
    assert region is not None
    assert region.label == "Regions"


def test_a_post_types_taxonomies_option_links_it_to_those_taxonomies() -> None:
    text = '[post_types.partner]\ntaxonomies = ["region"]\n[taxonomies.region]\nobject_type = ["post"]\n'
    registry = build_registry(parse_site_config(text, Path("v.toml")))
    region = registry.taxonomy("region")
    assert region is not None
    assert region.object_types == ("post", "partner")


def test_the_database_shows_which_types_each_taxonomy_tags(session: Session) -> None:
    region = make_term(session, taxonomy="region", slug="north", name="North")
    make_post(session, slug="sailing", term_ids=[region.id])
    make_entry(session, slug="helpline", type="partner")
    session.commit()
    found = find_content(session)
    assert {"post", "partner"} <= found.post_types
    assert found.taxonomies == {"region": frozenset({"post"})}
    assert site_registry(session).taxonomy_at("region") is not None


def test_public_types_follow_the_configuration_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "vellum.toml"
    path.write_text("[post_types.partner]\npublic = false\n")
    monkeypatch.setenv("VELLUM_SITE_CONFIG", str(path))
    core_settings.get_settings.cache_clear()
    try:
        assert not is_public_post_type("partner")
        assert is_public_post_type("ai1ec_event")
        assert is_public_post_type("zine")
        assert not is_public_post_type("user_request")
        assert not is_public_post_type("acf-field")
    finally:
        core_settings.get_settings.cache_clear()


def test_the_shipped_knowledge_hub_example_registers_partners_and_regions_as_that_site_did() -> None:
    config = load_site_config(Path(__file__).resolve().parents[2] / "examples" / "knowledge-hub" / "vellum.toml")
    (partner,) = config.post_types
    assert (partner.rest_base, partner.rewrite_slug, partner.has_archive) == ("partners", "partners", True)
    assert "author" not in partner.supports
    assert "comments" not in partner.supports
    (region,) = config.taxonomies
    assert (region.object_types, region.hierarchical, region.rewrite) == (("post",), True, Rewrite("region"))
