from __future__ import annotations

import subprocess
import sys
import tracemalloc
from collections import Counter
from pathlib import Path

import pytest
from lxml import etree

from app.core import phpserial
from bench.wxr_xml import cdata, php_serialize
from bench.wxrgen import GeneratedStats, write_wxr

WP = "{http://wordpress.org/export/1.2/}"
CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
REPO_ROOT = Path(__file__).resolve().parents[2]
N_ITEMS = 300


def parse(path: Path) -> etree._Element:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)
    return etree.parse(str(path), parser).getroot()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, GeneratedStats, etree._Element]:
    path = tmp_path_factory.mktemp("wxr") / "synthetic.xml"
    stats = write_wxr(path, N_ITEMS, seed=7)
    return path, stats, parse(path)


def items_of(root: etree._Element) -> list[etree._Element]:
    return root.findall("channel/item")


def meta_of(item: etree._Element) -> list[tuple[str, str]]:
    return [(m.findtext(f"{WP}meta_key", ""), m.findtext(f"{WP}meta_value", "")) for m in item.iter(f"{WP}postmeta")]


def test_counts_per_post_type_match_stats(generated: tuple[Path, GeneratedStats, etree._Element]) -> None:
    path, stats, root = generated
    items = items_of(root)
    types = Counter(item.findtext(f"{WP}post_type") for item in items)
    assert len(items) == stats.items == N_ITEMS
    assert types == stats.post_types
    assert sum(len(meta_of(item)) for item in items) == stats.meta_rows
    assert len(root.findall(f"channel/item/{WP}comment")) == stats.comments
    assert len(root.findall(f"channel/item/{WP}comment/{WP}commentmeta")) == stats.comment_meta_rows
    assert path.stat().st_size == stats.bytes


def test_mix_covers_every_post_type_the_benchmark_needs(
    generated: tuple[Path, GeneratedStats, etree._Element],
) -> None:
    _, stats, root = generated
    expected = {"post", "page", "attachment", "revision", "nav_menu_item", "ai1ec_event", "wp_block", "partner"}
    expected |= {"acf-field-group", "acf-field", "custom_css", "customize_changeset", "oembed_cache"}
    assert expected <= set(stats.post_types)
    assert 0.40 < stats.post_types["post"] / N_ITEMS < 0.50
    assert 0.17 < stats.post_types["attachment"] / N_ITEMS < 0.23
    assert set(stats.terms) == {"category", "post_tag", "events_categories", "nav_menu"}
    assert len(root.findall(f"channel/{WP}author")) == stats.authors >= 3
    statuses = Counter(item.findtext(f"{WP}status") for item in items_of(root))
    assert {"publish", "draft", "inherit"} <= set(statuses)
    assert statuses["publish"] > N_ITEMS // 3


def test_every_serialized_meta_value_decodes_with_the_project_reader(
    generated: tuple[Path, GeneratedStats, etree._Element],
) -> None:
    _, _, root = generated
    values = [el.text or "" for el in root.iter(f"{WP}meta_value")]
    values += [item.findtext(CONTENT, "") for item in items_of(root) if item.findtext(f"{WP}post_type") == "acf-field"]
    serialized = [value for value in values if phpserial.is_serialized(value)]
    assert len(serialized) > 100
    for value in serialized:
        phpserial.loads(value)


def test_attachment_metadata_names_the_attached_file_and_its_sizes(
    generated: tuple[Path, GeneratedStats, etree._Element],
) -> None:
    _, _, root = generated
    images = 0
    for item in items_of(root):
        meta = dict(meta_of(item))
        if item.findtext(f"{WP}post_type") != "attachment":
            continue
        assert item.findtext(f"{WP}attachment_url", "").endswith(meta["_wp_attached_file"])
        metadata = phpserial.loads(meta["_wp_attachment_metadata"])
        if "sizes" in metadata:
            images += 1
            assert metadata["file"] == meta["_wp_attached_file"]
            assert all(size["file"].startswith("img-") for size in metadata["sizes"].values())
    assert images > 10


def test_cdata_terminator_in_content_round_trips(generated: tuple[Path, GeneratedStats, etree._Element]) -> None:
    path, _, root = generated
    raw = path.read_text(encoding="utf-8")
    split_markers = raw.count("]]]]><![CDATA[>")
    decoded = sum((el.text or "").count("]]>") for el in root.iter() if len(el) == 0)
    assert split_markers > 0
    assert decoded == split_markers


def test_cdata_splits_terminator_like_wxr_cdata() -> None:
    wrapped = cdata("a]]>b]]>")
    assert wrapped == "<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>]]>"
    assert etree.fromstring(f"<x>{wrapped}</x>").text == "a]]>b]]>"


def test_php_serialize_counts_utf8_bytes() -> None:
    assert php_serialize("ü🚀") == 's:6:"ü🚀";'
    assert php_serialize(["a", {"k": True}]) == 'a:2:{i:0;s:1:"a";i:1;a:1:{s:1:"k";b:1;}}'


def test_same_seed_gives_same_bytes_and_other_seed_differs(tmp_path: Path) -> None:
    first, again, other = tmp_path / "a.xml", tmp_path / "b.xml", tmp_path / "c.xml"
    write_wxr(first, 200, seed=3)
    write_wxr(again, 200, seed=3)
    write_wxr(other, 200, seed=4)
    assert first.read_bytes() == again.read_bytes()
    assert first.read_bytes() != other.read_bytes()


def test_references_point_both_ways_to_items_in_the_file(
    generated: tuple[Path, GeneratedStats, etree._Element],
) -> None:
    _, _, root = generated
    items = items_of(root)
    types = {int(item.findtext(f"{WP}post_id", "0")): item.findtext(f"{WP}post_type") for item in items}
    forward = backward = 0
    for item in items:
        own = int(item.findtext(f"{WP}post_id", "0"))
        parent = int(item.findtext(f"{WP}post_parent", "0"))
        if parent:
            assert parent in types
            forward, backward = forward + (parent > own), backward + (parent < own)
        for key, value in meta_of(item):
            if key == "_thumbnail_id":
                assert types[int(value)] == "attachment"
    assert forward > 0
    assert backward > 0


def test_acf_references_name_defined_fields(generated: tuple[Path, GeneratedStats, etree._Element]) -> None:
    _, _, root = generated
    items = items_of(root)
    field_keys = {item.findtext(f"{WP}post_name") for item in items if item.findtext(f"{WP}post_type") == "acf-field"}
    references = [v for item in items for k, v in meta_of(item) if k.startswith("_") and v.startswith("field_")]
    assert len(field_keys) == 9
    assert references
    assert set(references) <= field_keys
    assert any(key.startswith("team_0_") for item in items for key, _ in meta_of(item))


def test_generating_many_items_keeps_memory_flat(tmp_path: Path) -> None:
    tracemalloc.start()
    try:
        stats = write_wxr(tmp_path / "big.xml", 20_000, seed=1)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stats.items == 20_000
    assert stats.bytes > 80_000_000
    assert peak < 4 * 1024 * 1024


def test_script_writes_a_file_when_run_directly(tmp_path: Path) -> None:
    out = tmp_path / "cli.xml"
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "bench" / "wxrgen.py"), str(out), "40"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "40 items" in result.stdout
    assert len(items_of(parse(out))) == 40
