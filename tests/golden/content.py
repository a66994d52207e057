"""How the replay compares ``content.rendered``: each side's names for the same files, and other captures.

Two things a capture's WordPress did differently from our import are data, not rendering, and are mapped
like the IDs it renumbered:

* **File names.** WordPress's importer stores each fetched file under its own uploads and makes the
  sub-sizes itself, so the same size of the same attachment can have another name there (``-scaled-1``
  when a name clashed, ``1024x683`` where the export says ``1024x682``) or another host (a file we did
  not get stays at its old address). Each URL of a file WordPress shows is mapped to the URL we give for
  the same attachment and size (``wp_get_attachment_image_src``: the size, else the file itself). What
  WordPress *decided* from its own names (no ``srcset`` for an image its metadata does not list) is not
  mapped: that stays a difference.
* **What WordPress decided from renamed files.** ``wp_filter_content_tags`` gives an image its width,
  height, srcset, sizes and lazy loading only when the attachment's metadata lists the file its src
  names. Where the src names a file under the export's name that the capture's WordPress stored under
  another (:func:`renamed_away`), WordPress found nothing by definition and we, keeping the export's
  metadata, find it: those attributes are left out of that image on both sides, and the posts equal only
  so are listed apart (``Report.renamed_equal``). Everything else about the image is compared.
* **Other captures.** A post whose output shows data the capture's WordPress lacked (attachments it did
  not import) is compared with a capture of the same site that has that data (:class:`ContentSource`).
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import Engine
from sqlmodel import Session, select

from app.core import phpserial
from app.media.models import Attachment
from app.media.urls import media_url

# Attachment ID -> size name -> URL; FILE names the attached file itself (a size called "full" may be another
# file: a document's preview image).
MediaFiles = Mapping[int, Mapping[str, str]]
FILE = ""
_UPLOADS = "/wp-content/uploads/"
_URL_END = r"(?![\w.%/~+-])"
_PLACEHOLDER_IMAGE_ATTRIBUTE = re.compile(r' (?:width|height)="\d+"| (?:srcset|sizes)="[^"]*"')
_ORIENTATION = re.compile(r"gallery-icon (?:landscape|portrait)'")
_IMG = re.compile(r"<img\b[^>]*>")
_IMG_ATTACHMENT = re.compile(r"wp-image-(\d+)")
_IMG_SRC = re.compile(r' src="([^"?]+)')
_FROM_METADATA = re.compile(r' (?:width|height)="\d+"| (?:srcset|sizes)="[^"]*"| loading="lazy"')
_TAG_END = re.compile(r"[/ ]*>$")  # wp_image_add_srcset_and_sizes() writes the end of the tag again
_GALLERY_ITEMS = re.compile(r"(?:<figure class='gallery-item'>.*?</figure>)+")
_GALLERY_ITEM = re.compile(r"<figure class='gallery-item'>.*?</figure>")


@dataclass(frozen=True)
class ContentSource:
    """Another capture of the same site whose answer a post's content is compared with, and why."""

    folder: str  # under compat/; the same post IDs as the capture it stands in for
    why: str
    # Its WordPress fetched made-up files (its README): what their pixels decide (an image's width, height,
    # srcset and sizes, a gallery icon's orientation) is left out on both sides, as the media replay leaves
    # out media_details.
    placeholder_files: bool = False
    # ``[gallery orderby="rand"]``: WordPress shuffles the items on every request; they are compared as a set.
    shuffled_galleries: bool = False

    def normalise(self, html: str) -> str:
        """What this source leaves out of the comparison, left out of ``html`` (either side's)."""
        if self.placeholder_files:
            html = _ORIENTATION.sub("gallery-icon '", _PLACEHOLDER_IMAGE_ATTRIBUTE.sub("", html))
        if self.shuffled_galleries:
            html = _GALLERY_ITEMS.sub(lambda run: "".join(sorted(_GALLERY_ITEM.findall(run.group(0)))), html)
        return html


def answered_media_files(folder: Path) -> dict[int, dict[str, str]]:
    """The files of every attachment a capture's answers show: ``source_url`` and each size's."""
    found: dict[int, dict[str, str]] = {}
    for item in _media_items(folder):
        sizes = (item.get("media_details") or {}).get("sizes") or {}
        files = {str(name): str(size["source_url"]) for name, size in sizes.items() if size.get("source_url")}
        found.setdefault(item["id"], {FILE: str(item["source_url"])} | files)
    return found


def _media_items(folder: Path) -> Iterator[dict[str, Any]]:
    def visit(value: Any) -> Iterator[dict[str, Any]]:
        if isinstance(value, dict):
            if isinstance(value.get("id"), int) and value.get("source_url") and "media_details" in value:
                yield value
            for item in value.values():
                yield from visit(item)
        elif isinstance(value, list):
            for item in value:
                yield from visit(item)

    for path in sorted(folder.glob("wp.v2.*.json")):
        yield from visit(json.loads(path.read_text()).get("body"))


# One postmeta row of a mysqldump with --extended-insert: (meta_id,post_id,'key','value'),
_DUMPED_META = re.compile(r"^\(\d+,(\d+),'(_wp_attached_file|_wp_attachment_metadata)','((?:[^'\\]|\\.)*)'\)[,;]$")
_SQL_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", "0": "\0", "Z": "\x1a"}


def dumped_media_files(dump: Path, base_url: str) -> dict[int, dict[str, str]]:
    """The files of every attachment as a site's database dump names them (what it serves at ``base_url``)."""
    attached: dict[int, str] = {}
    metadata: dict[int, Any] = {}
    with dump.open(encoding="utf-8") as lines:
        for line in lines:
            row = _DUMPED_META.match(line.rstrip("\n"))
            if row is None:
                continue
            value = re.sub(r"\\(.)", lambda escape: _SQL_ESCAPES.get(escape[1], escape[1]), row[3])
            if row[2] == "_wp_attached_file":
                attached[int(row[1])] = value
            else:
                metadata[int(row[1])] = phpserial.maybe_unserialize(value)
    return {post: _files(f"{base_url}{_UPLOADS}", file, metadata.get(post)) for post, file in attached.items()}


def _files(uploads: str, attached: str, metadata: Any) -> dict[str, str]:
    sizes = metadata.get("sizes") if isinstance(metadata, dict) else None
    folder = posixpath.dirname(attached)
    files = {FILE: uploads + attached}
    for name, size in (sizes or {}).items() if isinstance(sizes, dict) else ():
        if isinstance(size, dict) and size.get("file"):
            files[str(name)] = uploads + posixpath.join(folder, str(size["file"]))
    return files


def our_media_files(engine: Engine, site_url: str) -> dict[int, dict[str, str]]:
    """Our attachments' files: where each is served (ours, else its old address) and its sizes beside it."""
    found: dict[int, dict[str, str]] = {}
    with Session(engine) as session:
        for attachment in session.exec(select(Attachment)):
            url = media_url(site_url, attachment.file) if attachment.is_stored else attachment.original_url
            sizes = attachment.sizes if isinstance(attachment.sizes, dict) else {}
            folder = url.rsplit("/", 1)[0]
            # Sub-sizes our uploads copy lacked stay at the old site's address.
            old_folder = attachment.original_url.rsplit("/", 1)[0]
            files = {
                str(name): f"{old_folder if size['file'] in attachment.missing_files else folder}/{size['file']}"
                for name, size in sizes.items()
                if isinstance(size, dict) and size.get("file")
            }
            found[attachment.entry_id] = {FILE: url} | files
    return found


def file_map(golden: MediaFiles, ours: MediaFiles, golden_host: str, our_host: str) -> dict[str, str]:
    """Golden file URLs (with our host) -> our URL of the same attachment and size, where the two differ."""
    mapped: dict[str, str] = {}
    for attachment, files in golden.items():
        our_files = ours.get(attachment)
        if not our_files:
            continue
        for size, url in files.items():
            theirs, mine = url.replace(golden_host, our_host), our_files.get(size, our_files[FILE])
            if theirs != mine:
                mapped[theirs] = mine
    return mapped


def rename_files(html: str, names: Mapping[str, str], pattern: re.Pattern[str] | None) -> str:
    """``html`` with the file URLs of ``names`` (found by ``pattern``, see :func:`file_pattern`) replaced."""
    return html if pattern is None else pattern.sub(lambda url: names[url.group(0)], html)


def file_pattern(names: Mapping[str, str]) -> re.Pattern[str] | None:
    """One pattern for all the URLs, longest first, each ending where a URL ends."""
    if not names:
        return None
    return re.compile("|".join(re.escape(url) for url in sorted(names, key=len, reverse=True)) + _URL_END)


def renamed_away(golden: MediaFiles, exported: Mapping[int, Iterable[str]]) -> dict[int, frozenset[str]]:
    """Per attachment, the names of the files the export's metadata lists that the capture's WordPress does not."""
    found: dict[int, frozenset[str]] = {}
    for attachment, names in exported.items():
        theirs = {posixpath.basename(url) for url in golden.get(attachment, {}).values()}
        gone = frozenset(name for name in names if name and name not in theirs)
        if gone and attachment in golden:
            found[attachment] = gone
    return found


def without_renamed_decisions(html: str, renamed: Mapping[int, frozenset[str]]) -> str:
    """``html`` without what ``wp_filter_content_tags`` takes from the metadata, in each image whose src names a
    file of its attachment that the capture's WordPress stored under another name."""
    if not renamed or "<img" not in html:
        return html

    def leave_out(tag: re.Match[str]) -> str:
        attachment, src = _IMG_ATTACHMENT.search(tag.group(0)), _IMG_SRC.search(tag.group(0))
        if attachment is None or src is None:
            return tag.group(0)
        if posixpath.basename(src.group(1)) not in renamed.get(int(attachment.group(1)), ()):
            return tag.group(0)
        return _TAG_END.sub(">", _FROM_METADATA.sub("", tag.group(0)))

    return _IMG.sub(leave_out, html)


def base_url(folder: Path) -> str:
    """The address a capture's site had (its ``_meta.json``)."""
    return str(json.loads((folder / "_meta.json").read_text())["base_url"])


def single_answer_content(folder: Path, post: int, post_bases: Iterable[str]) -> str:
    """``content.rendered`` of a post in a capture's anonymous single answer about it."""
    manifest: dict[str, dict[str, Any]] = json.loads((folder / "_manifest.json").read_text())
    routes = {f"/wp-json/wp/v2/{base}/{post}" for base in post_bases}
    name = next(n for n, e in manifest.items() if e["request"] in routes and e["method"] == "GET" and not e["auth"])
    return str(json.loads((folder / name).read_text())["body"]["content"]["rendered"])


@dataclass
class FileNames:
    """Each capture's file URLs (with our host) mapped to ours (:func:`file_map`), built on first use."""

    ours: MediaFiles
    our_host: str
    _maps: dict[Path, tuple[dict[str, str], re.Pattern[str] | None]] = field(default_factory=dict)

    def rename(self, folder: Path, golden: MediaFiles, golden_host: str, html: str) -> str:
        """``html`` with the files ``golden`` names (as the capture in ``folder`` served them) as ours."""
        if folder not in self._maps:
            names = file_map(golden, self.ours, golden_host, self.our_host)
            self._maps[folder] = (names, file_pattern(names))
        return rename_files(html, *self._maps[folder])
