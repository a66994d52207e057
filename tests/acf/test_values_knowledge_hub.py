"""ACF values of the real knowledge-hub site (shared fixture ``wordpress-db/export.xml``), decoded whole."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.acf.definitions import (
    FieldIndex,
    FieldRow,
    GroupDefinition,
    build_field_tree,
    parse_field_definition,
    parse_group_definition,
)
from app.acf.schema import group_json_schema
from app.acf.values import decode_values, encode_values
from tests.acf.schema_check import violations
from tests.shared import SHARED

EXPORT = SHARED / "fixtures" / "wordpress-db" / "export.xml"
NS = {
    "wp": "http://wordpress.org/export/1.2/",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "excerpt": "http://wordpress.org/export/1.2/excerpt/",
}
PUBLICATIONS, EVENTS, PAGES = "group_5a1e001ceb61d", "group_5a1e026e4cdeb", "group_5a1e0378d5c01"
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
ISO_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}")


class Site:
    """The export's field groups, fields and every object's meta rows."""

    def __init__(self, path: Path) -> None:
        self.groups: dict[int, GroupDefinition] = {}
        self.fields: list[FieldRow] = []
        self.meta: dict[int, list[tuple[str, str]]] = {}
        self.post_types: dict[int, str] = {}
        for item in etree.parse(str(path)).iterfind("channel/item"):
            self._read(item)
        self.index: FieldIndex = build_field_tree(self.fields, groups=self.groups)

    def _read(self, item: Any) -> None:
        def text(path: str) -> str:
            return str(item.findtext(path, default="", namespaces=NS))

        entry_id, post_type = int(text("wp:post_id")), text("wp:post_type")
        if post_type == "acf-field-group":
            self.groups[entry_id] = parse_group_definition(
                title=text("title"),
                key=text("wp:post_name"),
                content=text("content:encoded"),
                status=text("wp:status"),
            )
        elif post_type == "acf-field":
            key, name, label = text("wp:post_name"), text("excerpt:encoded"), text("title")
            field_type, settings = parse_field_definition(
                label=label, key=key, name=name, content=text("content:encoded")
            )
            parent, order = int(text("wp:post_parent")), int(text("wp:menu_order"))
            self.fields.append(FieldRow(entry_id, key, name, label, field_type, parent, settings, order))
        self.post_types[entry_id] = post_type
        self.meta[entry_id] = [
            (
                str(meta.findtext("wp:meta_key", namespaces=NS)),
                meta.findtext("wp:meta_value", "", namespaces=NS),
            )
            for meta in item.iterfind("wp:postmeta", namespaces=NS)
        ]

    def acf_rows(self, entry_id: int) -> list[tuple[str, str]]:
        """The object's ACF rows: the referenced values and their ``_name`` references."""
        rows = self.meta[entry_id]
        referenced = {key[1:] for key, value in rows if key.startswith("_") and value.startswith("field_")}
        return [(key, value) for key, value in rows if key in referenced or key[1:] in referenced]

    def with_values(self) -> dict[int, dict[str, Any]]:
        """Every object that has ACF rows, with its decoded values."""
        return {
            entry_id: decode_values(rows, self.index) for entry_id, rows in self.meta.items() if self.acf_rows(entry_id)
        }


@pytest.fixture(scope="module")
def site() -> Site:
    if not EXPORT.is_file():
        pytest.skip("the shared knowledge-hub fixture is not beside the repository")
    return Site(EXPORT)


@pytest.fixture(scope="module")
def values(site: Site) -> dict[int, dict[str, Any]]:
    return site.with_values()


def test_the_site_defines_three_groups_for_posts_events_and_pages(site: Site) -> None:
    locations = {group.key: group.location[0][0]["value"] for group in site.groups.values()}

    assert locations == {PUBLICATIONS: "post", EVENTS: "ai1ec_event", PAGES: "page"}
    assert all(group.is_active for group in site.groups.values())
    assert [field.name for field in site.index.group_fields[EVENTS]] == [
        "registration_url",
        "registration_deadline",
        "organiser",
        "host_partner",
        "summary",
    ]


def test_field_types_the_site_uses(site: Site) -> None:
    used = Counter(row.type for row in site.fields)

    assert set(used) == {
        "select", "date_picker", "file", "image", "number", "text", "checkbox", "true_false", "relationship",
        "repeater", "email", "link", "gallery", "url", "date_time_picker", "group", "post_object", "textarea",
        "flexible_content",
    }  # fmt: skip


def test_every_object_with_acf_rows_decodes_only_to_known_top_level_fields(
    site: Site, values: dict[int, dict[str, Any]]
) -> None:
    names = {field.name for field in site.index.top_level}
    counts = Counter(site.post_types[entry_id] for entry_id in values)

    assert counts == {"post": 274, "ai1ec_event": 95, "page": 67}
    assert all(set(decoded) <= names for decoded in values.values())


def test_publication_17_decodes_every_field_type_of_its_group(values: dict[int, dict[str, Any]]) -> None:
    assert values[17] == {
        "publication_type": "policy-brief",
        "publication_date": "2012-04-02",
        "document": 13,
        "cover_image": 76,
        "page_count": 12,
        "isbn": "",
        "languages": ["es", "ar"],
        "is_featured": True,
        "related_publications": [1645],
        "authors": [
            {
                "author_name": "Lucía Silva",
                "organisation": "Workers' organisations",
                "author_email": "research@union.example",
            },
            {
                "author_name": "José Eze",
                "organisation": "Social protection in Pakistan",
                "author_email": "media@ngo.example",
            },
            {
                "author_name": "Rahul Silva",
                "organisation": "Recruitment fees in Viet Nam",
                "author_email": "research@ngo.example",
            },
        ],
        "external_link": {
            "title": "Visit partner site",
            "url": "https://www.ilo.org/topics/forced-labour",
            "target": "",
        },
        "photo_gallery": [117, 67],
    }


def test_publication_24_has_a_five_image_gallery_and_is_not_featured(
    values: dict[int, dict[str, Any]],
) -> None:
    publication = values[24]

    assert publication["photo_gallery"] == [8, 89, 81, 80, 76]
    assert publication["is_featured"] is False
    assert publication["related_publications"] == [182, 1050, 1457]
    assert publication["languages"] == ["fr", "es", "th"]
    assert publication["isbn"] == "978-92-2-947491-0"
    assert publication["authors"] == [
        {"author_name": "Tamar Văn An", "organisation": "Investors", "author_email": "research@union.example"}
    ]


def test_event_90_has_an_iso_deadline_an_organiser_object_and_a_partner_id(
    values: dict[int, dict[str, Any]],
) -> None:
    event = values[90]

    assert event["registration_deadline"] == "2012-12-13T17:00:00"
    assert event["organiser"] == {
        "org_name": "Human trafficking in Malaysia",
        "contact_email": "media@ngo.example",
    }
    assert event["host_partner"] == 125
    assert event["registration_url"] == "https://hub.freedomalliance.example/register/?event=90"


def test_page_140_sections_follow_the_stored_layout_order(values: dict[int, dict[str, Any]]) -> None:
    sections = values[140]["sections"]

    assert [row["acf_fc_layout"] for row in sections] == ["text_block", "call_to_action", "call_to_action"]
    assert sections[0]["heading"] == "Social protection in Ghana"
    assert sections[1] == {
        "acf_fc_layout": "call_to_action",
        "cta_link": {
            "title": "Register now",
            "url": "https://www.ilo.org/topics/forced-labour",
            "target": "_blank",
        },
        "cta_image": 80,
    }
    assert sections[2]["cta_image"] == 89


def test_empty_document_fields_decode_to_none(values: dict[int, dict[str, Any]]) -> None:
    documents = [decoded["document"] for decoded in values.values() if "document" in decoded]

    assert documents.count(None) == 52
    assert all(document is None or isinstance(document, int) for document in documents)


def _is_id_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, int) and not isinstance(item, bool) for item in value)


SHAPES: dict[str, Callable[[Any], Any]] = {
    "publication_date": lambda value: isinstance(value, str) and ISO_DATE.fullmatch(value),
    "registration_deadline": lambda value: isinstance(value, str) and ISO_DATE_TIME.fullmatch(value),
    "is_featured": lambda value: isinstance(value, bool),
    "page_count": lambda value: isinstance(value, int) and not isinstance(value, bool),
    "cover_image": lambda value: isinstance(value, int),
    "host_partner": lambda value: isinstance(value, int),
    "photo_gallery": _is_id_list,
    "related_publications": _is_id_list,
    "languages": lambda value: isinstance(value, list) and all(isinstance(item, str) for item in value),
    "external_link": lambda value: isinstance(value, dict) and set(value) == {"title", "url", "target"},
    "authors": lambda value: isinstance(value, list) and all(isinstance(row, dict) for row in value),
    "organiser": lambda value: isinstance(value, dict) and set(value) == {"org_name", "contact_email"},
    "sections": lambda value: isinstance(value, list) and all("acf_fc_layout" in row for row in value),
}


@pytest.mark.parametrize("name", sorted(SHAPES))
def test_every_stored_value_of_a_field_has_its_typed_shape(name: str, values: dict[int, dict[str, Any]]) -> None:
    seen = [decoded[name] for decoded in values.values() if name in decoded]

    assert seen
    assert [value for value in seen if not SHAPES[name](value)] == []


def test_every_object_re_encodes_to_exactly_its_stored_acf_rows(site: Site, values: dict[int, dict[str, Any]]) -> None:
    mismatched = [
        entry_id
        for entry_id, decoded in values.items()
        if sorted(encode_values(decoded, site.index)) != sorted(site.acf_rows(entry_id))
    ]

    assert mismatched == []


def test_every_object_conforms_to_its_group_schema(site: Site, values: dict[int, dict[str, Any]]) -> None:
    schemas = {key: group_json_schema(key, site.index) for key in (PUBLICATIONS, EVENTS, PAGES)}
    group_of = {"post": PUBLICATIONS, "ai1ec_event": EVENTS, "page": PAGES}

    problems = {
        entry_id: found
        for entry_id, decoded in values.items()
        if (found := violations(decoded, schemas[group_of[site.post_types[entry_id]]]))
    }

    assert problems == {}
