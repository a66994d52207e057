"""CDATA sections of WXR 1.0 and 1.1 files whose text holds `]]>`, split as WordPress 3.4 and later split them.

Before WordPress 3.4 (WXR 1.2) `wxr_cdata()` wrapped values in CDATA without escaping `]]>`, so content such as
`<script>//<![CDATA[ ... //]]></script>` ended its section early and made the export malformed; WordPress's
importer then falls back to its regex parser. WordPress always closes the element right after the section, so
the section's real end is the `]]>` followed by the element's end tag (or by the next section of a split value);
any other `]]>` is text, and is rewritten `]]]]><![CDATA[>` as WXR 1.2 would have written it.
"""

from __future__ import annotations

import re

# A WXR 1.0/1.1 namespace on the root element: only those exports can hold an unescaped `]]>`.
_OLD_WXR = re.compile(rb"""xmlns:wp\s*=\s*["']https?://wordpress\.org/export/1\.[01]/["']""")
_TOKENS = re.compile(rb"<!\[CDATA\[|\]\]>|<([A-Za-z_][\w:.-]*)")
_SECTION_END = rb"]]>"
_ESCAPED_END = b"]]]]><![CDATA[>"
# How far past a `]]>` the end tag that shows it is the section's end may be.
LOOKAHEAD = 256


def is_old_wxr(root_tag: bytes) -> bool:
    """Whether the bytes of the root element declare a WXR 1.0 or 1.1 namespace."""
    return _OLD_WXR.search(root_tag) is not None


class CdataRepair:
    """Splits the text `]]>` of CDATA sections, chunk by chunk; a chunk must not end within LOOKAHEAD bytes
    after a `]]>` unless the file ends there (see `safe_cut`)."""

    def __init__(self) -> None:
        self._in_section = False
        self._owner = b""
        self._last_open = b""

    def safe_cut(self, data: bytes, cut: int) -> int:
        """`cut`, or the start of the first `]]>` whose end tag may lie beyond it (0: read more first)."""
        first = data.find(_SECTION_END, max(0, cut - len(_SECTION_END) - LOOKAHEAD + 1), cut)
        return cut if first < 0 else first

    def apply(self, data: bytes) -> bytes:
        """`data` with each text `]]>` inside a CDATA section escaped."""
        parts: list[bytes] = []
        done = 0
        for match in _TOKENS.finditer(data):
            token = match.group()
            if token == b"<![CDATA[":
                if not self._in_section:
                    self._in_section, self._owner = True, self._last_open
            elif token == _SECTION_END:
                if self._in_section and not self._ends_section(data, match.end()):
                    parts += (data[done : match.start()], _ESCAPED_END)
                    done = match.end()
                else:
                    self._in_section = False
            elif not self._in_section:
                self._last_open = match.group(1)
        if not parts:
            return data
        parts.append(data[done:])
        return b"".join(parts)

    def _ends_section(self, data: bytes, end: int) -> bool:
        after = data[end : end + LOOKAHEAD].lstrip()
        if not after and end + LOOKAHEAD >= len(data):
            return True  # the end of the file: nothing is left to close the element
        return after.startswith((b"<![CDATA[", b"</" + self._owner + b">"))
