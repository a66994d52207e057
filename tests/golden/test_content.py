"""How the replay compares content: file names on each side, decisions from renamed files, other captures."""

from __future__ import annotations

from pathlib import Path

from tests.golden.content import (
    FILE,
    ContentSource,
    dumped_media_files,
    file_map,
    file_pattern,
    rename_files,
    renamed_away,
    without_renamed_decisions,
)

GOLDEN = "http://golden.test"
OURS = "http://ours.test"
OLD = "https://old.example/wp-content/uploads"


def test_a_dump_names_each_attachments_file_and_sizes(tmp_path: Path) -> None:
    dump = tmp_path / "site.sql"
    metadata = r"a:2:{s:4:\"file\";s:20:\"2024/03/kiln-1-x.jpg\";s:5:\"sizes\";a:1:{s:9:\"thumbnail\";"
    metadata += r"a:1:{s:4:\"file\";s:22:\"kiln-1-x-150x150.jpg\";}}}"
    dump.write_text(
        "INSERT INTO `wp_postmeta` VALUES\n"
        "(1,7,'_wp_attached_file','2024/03/kiln-1-x.jpg'),\n"
        f"(2,7,'_wp_attachment_metadata','{metadata}'),\n"
        "(3,7,'_wp_attachment_image_alt','It\\'s a kiln');\n"
    )
    assert dumped_media_files(dump, GOLDEN) == {
        7: {
            FILE: f"{GOLDEN}/wp-content/uploads/2024/03/kiln-1-x.jpg",
            "thumbnail": f"{GOLDEN}/wp-content/uploads/2024/03/kiln-1-x-150x150.jpg",
        }
    }


def test_files_map_to_ours_by_attachment_and_size_where_the_names_differ() -> None:
    golden = {
        7: {FILE: f"{GOLDEN}/wp-content/uploads/k-1.jpg", "thumbnail": f"{GOLDEN}/wp-content/uploads/k-1-1x1.jpg"}
    }
    ours = {7: {FILE: f"{OLD}/k.jpg"}, 8: {FILE: f"{OURS}/wp-content/uploads/same.jpg"}}
    golden[8] = {FILE: f"{GOLDEN}/wp-content/uploads/same.jpg"}

    names = file_map(golden, ours, GOLDEN, OURS)

    # wp_get_attachment_image_src(): a size we do not have is the file itself.
    assert names == {
        f"{OURS}/wp-content/uploads/k-1.jpg": f"{OLD}/k.jpg",
        f"{OURS}/wp-content/uploads/k-1-1x1.jpg": f"{OLD}/k.jpg",
    }
    html = f'<a href="{OURS}/wp-content/uploads/k-1.jpg?x=1"><img src="{OURS}/wp-content/uploads/k-1.jpg.webp" /></a>'
    assert rename_files(html, names, file_pattern(names)) == (
        f'<a href="{OLD}/k.jpg?x=1"><img src="{OURS}/wp-content/uploads/k-1.jpg.webp" /></a>'
    )


def test_only_the_files_the_capture_stored_under_other_names_are_renamed_away() -> None:
    golden = {7: {FILE: f"{GOLDEN}/u/k-scaled-1.jpg", "large": f"{GOLDEN}/u/k-1024x683.jpg"}, 9: {FILE: "x.jpg"}}
    exported = {7: ["k-scaled.jpg", "k-1024x683.jpg", "k-300x200.jpg"], 8: ["gone.jpg"], 9: ["x.jpg"]}
    assert renamed_away(golden, exported) == {7: frozenset({"k-scaled.jpg", "k-300x200.jpg"})}


def test_what_wordpress_took_from_the_metadata_is_left_out_only_for_renamed_files() -> None:
    renamed = {7: frozenset({"k-300x200.jpg"})}
    ours = (
        f'<img decoding="async" loading="lazy" class="wp-image-7" src="{OLD}/k-300x200.jpg" width="300" '
        f'height="200" srcset="{OLD}/k-300x200.jpg 300w, {OLD}/k.jpg 900w" sizes="(max-width: 300px) 100vw, 300px" />'
    )
    theirs = f'<img decoding="async" class="wp-image-7" src="{OLD}/k-300x200.jpg"/>'
    assert without_renamed_decisions(ours, renamed) == without_renamed_decisions(theirs, renamed)
    kept = ours.replace("wp-image-7", "wp-image-8")
    assert without_renamed_decisions(kept, renamed) == kept
    other_file = ours.replace("k-300x200.jpg", "k-150x150.jpg")
    assert without_renamed_decisions(other_file, renamed) == other_file


def test_another_capture_leaves_out_what_its_made_up_files_and_shuffles_decide() -> None:
    item = "<figure class='gallery-item'><div class='gallery-icon {}'><img {}src=\"{}\" /></div></figure>"
    theirs = item.format("landscape", 'width="150" height="150" ', "b") + item.format("portrait", "", "a")
    ours = item.format("", "", "a") + item.format("", "", "b")
    source = ContentSource("other", "why", placeholder_files=True, shuffled_galleries=True)
    assert source.normalise(theirs) == source.normalise(ours)
    assert ContentSource("other", "why", placeholder_files=True).normalise(theirs) != source.normalise(ours)
