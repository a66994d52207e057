"""Streams a WXR file into records, in file order, at constant memory."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Literal, Protocol, cast

from lxml import etree

from importers.wxr import channel, items
from importers.wxr.errors import InvalidFieldError, WxrError
from importers.wxr.nodes import TagNames, full_text, scalar_text, source_line
from importers.wxr.records import Author, ItemRecord, Record, TermRecord
from importers.wxr.source import CharacterDataKeeper, restore_controls, root_offset

# Only record-level elements produce parser events; their children are read from the built subtree.
# `{*}` because the wp namespace URI differs between WXR versions and between http and https.
_RECORD_TAGS = ("channel", "item", "{*}author", "{*}category", "{*}tag", "{*}term")
_CHANNEL_RECORDS: dict[str, Callable[[etree._Element, TagNames], Record]] = {
    "wp:author": channel.author,
    "wp:category": lambda elem, names: channel.term(elem, names, "wp:category"),
    "wp:tag": lambda elem, names: channel.term(elem, names, "wp:tag"),
    "wp:term": lambda elem, names: channel.term(elem, names, "wp:term"),
}
_EVENT_NAMES = frozenset({"channel", "item", *_CHANNEL_RECORDS})


def read_wxr(path: Path) -> Iterator[Record]:
    """Records of a WXR file: SiteInfo first, then authors, terms and items in file order."""
    return _WxrReading(Path(path)).records()


def count_items(path: Path) -> int:
    """Number of `<item>` elements, by a parse-only pass with the reader's parser settings."""
    path = Path(path)
    count = 0
    with path.open("rb") as raw:
        try:
            for _event, elem in _parse(_source(raw, path), ("end",), "item"):
                count += 1
                _release(elem)
        except etree.XMLSyntaxError as exc:
            raise _syntax_error(exc, path, None) from exc
    return count


_READ_SIZE = 1 << 16
_Event = Literal["start", "end"]


def _source(raw: BinaryIO, path: Path) -> CharacterDataKeeper:
    """The file's bytes as the parser is to see them; raises WxrError on a DOCTYPE."""
    offset = root_offset(raw, str(path))
    raw.seek(0)
    return CharacterDataKeeper(raw, offset)


def _parse(
    source: CharacterDataKeeper, events: tuple[_Event, ...], tag: str | tuple[str, ...]
) -> Iterator[tuple[_Event, etree._Element]]:
    """Parser events of the file; on a syntax error, every event before it comes first, then the error."""
    etree.clear_error_log()
    # No DTD, no entity expansion, no network: a WXR file needs none of them. Text nodes may pass libxml2's 10 MB
    # default: page-builder data and images pasted into content as data URIs reach that (WordPress's importer then
    # falls back to its regex parser); entity expansion, what that limit guards against, is refused anyway.
    parser = etree.XMLPullParser(
        events=events, tag=tag, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True
    )
    # A pull parser rather than iterparse: lxml 6's iterparse drops the events of the chunk in which it
    # meets an error, and the message must name the record being read there, not an earlier one.
    while chunk := source.read(_READ_SIZE):
        try:
            parser.feed(chunk)
        except etree.XMLSyntaxError:
            yield from _events(parser)
            raise
        yield from _events(parser)
    # A file cut short fails here, and the end events that closing it makes up are not the file's.
    parser.close()
    yield from _events(parser)


def _events(parser: etree.XMLPullParser) -> Iterator[tuple[_Event, etree._Element]]:
    # Only start and end events were asked for, and those carry elements.
    return cast(Iterator[tuple[_Event, etree._Element]], parser.read_events())


def _release(elem: etree._Element) -> None:
    """Frees a consumed record and everything before it, so memory does not grow with the file."""
    elem.clear()
    parent = elem.getparent()
    if parent is not None:
        while elem.getprevious() is not None:
            del parent[0]


class _LogEntry(Protocol):
    """The fields of an lxml error-log entry that an error message needs."""

    message: str
    line: int
    column: int
    level_name: str


def _syntax_error(exc: etree.XMLSyntaxError, path: Path, item: str | None) -> WxrError:
    # iterparse reports the last of several follow-up errors ("Start tag expected", "no element
    # found"); the first fatal entry of the thread's error log, cleared when the parse started, is
    # the cause, with its position.
    entries = list(cast(Iterable[_LogEntry], exc.error_log))  # lxml-stubs leave the log's entries untyped
    # A namespace error (an xmlns URI libxml2 cannot read) is of level ERROR and stops the parse as well.
    fatal = next((entry for level in ("FATAL", "ERROR") for entry in entries if entry.level_name == level), None)
    if fatal is not None:
        return WxrError(fatal.message.strip(), path, max(fatal.line, 1), fatal.column, item)
    line, column = exc.position
    return WxrError(exc.msg or str(exc), path, max(line, 1), column, item)


class _WxrReading:
    """One pass over one file: turns parser events into records and errors into WxrError."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.names = TagNames()
        self.channel: etree._Element | None = None
        self.has_header = False
        # Authors and terms come before `generator` in core exports, so they wait for the header.
        self.waiting: list[Record] = []
        self.current: etree._Element | None = None
        self.last_record: Record | None = None
        self.ordinals: Counter[str] = Counter()
        self.source: CharacterDataKeeper | None = None

    def records(self) -> Iterator[Record]:
        """The records, SiteInfo first; raises WxrError for malformed, refused or non-WXR files."""
        names = self.names
        with self.path.open("rb") as raw:
            self.source = _source(raw, self.path)
            try:
                for event, elem in _parse(self.source, ("start", "end"), _RECORD_TAGS):
                    name = names[elem.tag]
                    if name not in _EVENT_NAMES or not self._is_record_level(name, elem):
                        continue  # an item's <category> or <wp:author>, or an author of another vocabulary
                    if event == "start":
                        self._started(name, elem)
                    elif name == "item":
                        if not self.has_header:
                            yield from self._header()
                        yield self._record(elem, name, items.item)
                    else:
                        yield from self._channel_child_ended(name, elem)
            except etree.XMLSyntaxError as exc:
                raise _syntax_error(exc, self.path, self._where()) from exc
        if not self.has_header:
            raise WxrError("this does not appear to be a WXR file: no <channel> element", self.path, 1, 1)

    def _is_record_level(self, name: str, elem: etree._Element) -> bool:
        """Records are the channel's own children (WordPress reads `/rss/channel/wp:author` ...); an element
        of the same name inside an item (some exports put `<wp:author>login</wp:author>` there) is item data."""
        parent = elem.getparent()
        if name == "channel":
            return parent is not None and parent.getparent() is None
        return parent is not None and parent is self.channel

    def _started(self, name: str, elem: etree._Element) -> None:
        if name == "channel":
            self.channel = elem
        else:
            self.current = elem
            self.ordinals[name] += 1

    def _channel_child_ended(self, name: str, elem: etree._Element) -> Iterator[Record]:
        if name == "channel":
            if not self.has_header:
                yield from self._header()
            return
        record = self._record(elem, name, _CHANNEL_RECORDS[name])
        if self.has_header:
            yield record
        else:
            self.waiting.append(record)

    def _record(self, elem: etree._Element, name: str, build: Callable[[etree._Element, TagNames], Record]) -> Record:
        try:
            record = self._restored(build(elem, self.names))
        except InvalidFieldError as exc:
            raise WxrError(exc.message, self.path, exc.line, 0, self._describe(elem)) from exc
        self.last_record = record
        self.current = None
        if self.has_header:
            _release(elem)
        else:
            elem.clear()  # siblings stay until the channel header has been read from them
        return record

    def _restored(self, record: Record) -> Record:
        """The record with the control characters the source stood in for put back (only read when it met some)."""
        if self.source is not None and self.source.has_controls:
            restore_controls(record)
        return record

    def _header(self) -> Iterator[Record]:
        assert self.channel is not None  # an item or channel end event implies the channel started
        try:
            yield self._restored(channel.site_info(self.channel, self.names, str(self.path)))
        except InvalidFieldError as exc:
            raise WxrError(exc.message, self.path, exc.line, 0) from exc
        self.has_header = True
        yield from self.waiting
        self.waiting.clear()

    def _where(self) -> str | None:
        """The record being read when the parser failed, else the last one read."""
        if self.current is not None:
            return self._describe(self.current)
        if isinstance(self.last_record, ItemRecord):
            return item_label(str(self.last_record.post_id), self.last_record.title, self.last_record.line)
        if isinstance(self.last_record, Author | TermRecord):
            kind = "wp:author" if isinstance(self.last_record, Author) else self.last_record.element
            return f"{kind} #{self.ordinals[kind]}"
        return None

    def _describe(self, elem: etree._Element) -> str:
        name = self.names[elem.tag]
        if name != "item":
            return f"{name} #{self.ordinals[name]}"
        post_id = title = ""
        for child in elem:
            child_name = self.names[child.tag]
            if child_name == "wp:post_id":
                post_id = scalar_text(child)
            elif child_name == "title":
                title = full_text(child)
        return item_label(post_id, title, source_line(elem))


def item_label(post_id: str, title: str, line: int) -> str:
    """How messages name an item: by its WordPress ID and title, else by the line it starts on."""
    label = f"item post_id {post_id}" if post_id else f"item at line {line}"
    title = title.strip()
    return f"{label} {title!r}" if title else label
