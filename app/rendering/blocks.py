"""WordPress's block parser (``WP_Block_Parser``, ``parse_blocks()``)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

# The tokenizer regex of WP_Block_Parser::next_token (PCRE \s is ASCII whitespace, hence re.ASCII).
_TOKEN = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<namespace>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)\s+"
    r"(?P<attrs>\{(?:(?:[^}]+|\}+(?=\})|(?!\}\s+/?-->).)*+)?\}\s+)?(?P<void>/)?-->",
    re.ASCII | re.DOTALL,
)


@dataclass(slots=True)
class Block:
    """One parsed block; ``name`` is None for freeform HTML between delimiters."""

    name: str | None
    attrs: dict[str, Any] | None = field(default_factory=dict)
    inner_blocks: list[Block] = field(default_factory=list)
    inner_html: str = ""
    inner_content: list[str | None] = field(default_factory=list)


def freeform(html: str) -> Block:
    """A block without a name holding raw HTML (what the parser emits outside delimiters)."""
    return Block(None, {}, [], html, [html])


@dataclass(slots=True)
class _Frame:
    block: Block
    token_start: int
    token_length: int
    prev_offset: int
    leading_html_start: int | None


@dataclass(slots=True)
class _Token:
    kind: str  # "void-block", "block-opener", "block-closer"
    name: str = ""
    attrs: dict[str, Any] | None = None
    start: int = 0
    length: int = 0


def _decode_attrs(raw: str | None) -> dict[str, Any] | None:
    # json_decode($attrs, true): invalid JSON gives null, and only objects reach here.
    if raw is None:
        return {}
    try:
        decoded = json.loads(raw)
    except ValueError:
        return None
    return decoded if isinstance(decoded, dict) else None


def _is_php_empty(html: str) -> bool:
    # The parser tests `! empty( $html )`, and PHP considers "0" empty.
    return html in ("", "0")


def _token(match: re.Match[str]) -> _Token:
    # WP_Block_Parser::next_token()
    closer, namespace, name, attrs, void = match.groups()
    name = (namespace or "core/") + name
    start, end = match.span()
    if void:
        return _Token("void-block", name, _decode_attrs(attrs), start, end - start)
    if closer:
        return _Token("block-closer", name, None, start, end - start)
    return _Token("block-opener", name, _decode_attrs(attrs), start, end - start)


class _Parser:
    """A direct transcription of the WP_Block_Parser state machine."""

    def __init__(self, document: str) -> None:
        self.document = document
        self.offset = 0
        self.output: list[Block] = []
        self.stack: list[_Frame] = []

    def parse(self) -> list[Block]:
        # next_token() searches from the end of the token before, so one scan finds every token in turn.
        for match in _TOKEN.finditer(self.document):
            if not self._proceed(_token(match)):
                return self.output
        self._finish()
        return self.output

    def _proceed(self, token: _Token) -> bool:
        leading_html_start = self.offset if token.start > self.offset else None
        if token.kind == "void-block":
            return self._void(token, leading_html_start)
        if token.kind == "block-opener":
            block = Block(token.name, token.attrs)
            end = token.start + token.length
            self.stack.append(_Frame(block, token.start, token.length, end, leading_html_start))
            self.offset = end
            return True
        return self._closer(token)

    def _finish(self) -> None:
        if not self.stack:
            self._add_freeform()
        while self.stack:
            self._add_block_from_stack()

    def _void(self, token: _Token, leading_html_start: int | None) -> bool:
        block = Block(token.name, token.attrs)
        if not self.stack:
            if leading_html_start is not None:
                self.output.append(freeform(self.document[leading_html_start : token.start]))
            self.output.append(block)
        else:
            self._add_inner_block(block, token.start, token.length)
        self.offset = token.start + token.length
        return True

    def _closer(self, token: _Token) -> bool:
        end = token.start + token.length
        if not self.stack:
            self._add_freeform()
            return False
        if len(self.stack) == 1:
            self._add_block_from_stack(token.start)
            self.offset = end
            return True
        top = self.stack.pop()
        html = self.document[top.prev_offset : token.start]
        top.block.inner_html += html
        top.block.inner_content.append(html)
        top.prev_offset = end
        self._add_inner_block(top.block, top.token_start, top.token_length, end)
        self.offset = end
        return True

    def _add_freeform(self) -> None:
        if self.offset < len(self.document):
            self.output.append(freeform(self.document[self.offset :]))

    def _add_inner_block(self, block: Block, start: int, length: int, last_offset: int | None = None) -> None:
        parent = self.stack[-1]
        parent.block.inner_blocks.append(block)
        html = self.document[parent.prev_offset : start]
        if not _is_php_empty(html):
            parent.block.inner_html += html
            parent.block.inner_content.append(html)
        parent.block.inner_content.append(None)
        parent.prev_offset = last_offset if last_offset else start + length

    def _add_block_from_stack(self, end_offset: int | None = None) -> None:
        top = self.stack.pop()
        end = len(self.document) if end_offset is None else end_offset
        html = self.document[top.prev_offset : end]
        if not _is_php_empty(html):
            top.block.inner_html += html
            top.block.inner_content.append(html)
        if top.leading_html_start is not None:
            self.output.append(freeform(self.document[top.leading_html_start : top.token_start]))
        self.output.append(top.block)


def parse_blocks(raw: str) -> list[Block]:
    """Parse serialized post content into blocks exactly like WordPress's ``parse_blocks()``."""
    return _Parser(raw).parse()


def has_blocks(raw: str) -> bool:
    """WordPress's ``has_blocks()``: content holds at least one block opener."""
    return "<!-- wp:" in raw
