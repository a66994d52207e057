"""``WP_Embed``: the early ``[embed]`` shortcode pass and auto-embedding of bare URLs."""

from __future__ import annotations

import html
import re

from app.rendering.context import RenderContext
from app.rendering.html_split import replace_in_html_tags
from app.rendering.shortcodes import ShortcodeAttrs, ShortcodeRegistry

_URL_MAY_FOLLOW = frozenset(" \t\n\r\f\v>")
_URL_ON_OWN_LINE = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.IGNORECASE | re.MULTILINE | re.ASCII)
_URL_IN_OWN_PARAGRAPH = re.compile(r"(<p(?: [^>]*)?>\s*)(https?://[^\s<>\"]+)(\s*</p>)", re.IGNORECASE | re.ASCII)
_LINE_BREAK = "<!-- wp-line-break -->"
# Internal embed handlers registered by default (wp-includes/embed.php).
_AUDIO_FILE = re.compile(r"^https?://.+?\.(mp3|ogg|flac|m4a|wav)$", re.IGNORECASE)
_VIDEO_FILE = re.compile(r"^https?://.+?\.(mp4|m4v|webm|ogv|flv)$", re.IGNORECASE)
_YOUTUBE_EMBED_URL = re.compile(r"https?://(www.)?youtube\.com/(?:v|embed)/([^/]+)", re.IGNORECASE)


def _esc_url(url: str) -> str:
    return url.replace("&", "&#038;").replace('"', "%22").replace("'", "&#039;").replace(" ", "%20")


class Embedder:
    """Resolves embeddable URLs against handlers and the oEmbed cache; nothing is ever fetched."""

    def __init__(self, ctx: RenderContext) -> None:
        self.ctx = ctx
        self._registry: ShortcodeRegistry | None = None

    @property
    def registry(self) -> ShortcodeRegistry:
        """Only ``[embed]`` registered (made on first use)."""
        if self._registry is None:
            self._registry = ShortcodeRegistry({"embed": self.embed_shortcode})
        return self._registry

    def _handler_html(self, attrs: dict[str | int, str], url: str) -> str | None:
        if _VIDEO_FILE.match(url):
            width, height = attrs.get("width", ""), attrs.get("height", "")
            dimensions = f'width="{_int(width)}" height="{_int(height)}" ' if width and height else ""
            return f'[video {dimensions}src="{_esc_url(url)}" /]'
        if _AUDIO_FILE.match(url):
            return f'[audio src="{_esc_url(url)}" /]'
        youtube = _YOUTUBE_EMBED_URL.search(url)
        if youtube:
            return self.autoembed("https://youtube.com/watch?v=" + youtube.group(2))
        return None

    def resolve(self, attrs: dict[str | int, str], url: str, link_if_unknown: bool) -> str:
        """``WP_Embed::shortcode()``: handler output, cached oEmbed HTML, a link, or the URL."""
        url = url.replace("&amp;", "&")
        handled = self._handler_html(attrs, url)
        if handled is not None:
            return handled
        cached = self.ctx.oembed_html(url)
        if cached:
            return cached
        if link_if_unknown:
            return f'<a href="{_esc_url(url)}">{html.escape(url, quote=True)}</a>'
        return url

    def embed_shortcode(self, attrs: ShortcodeAttrs | str, content: str | None, tag: str) -> str:
        """The ``[embed]URL[/embed]`` shortcode."""
        given = attrs if isinstance(attrs, dict) else {}
        url = content or given.get("src", "")
        return self.resolve(given, url, link_if_unknown=True) if url else ""

    def run_shortcode(self, content: str) -> str:
        """``WP_Embed::run_shortcode()``: only ``[embed]`` is expanded, before ``wpautop`` runs."""
        return self.registry.do_shortcode(content) if "[" in content else content

    def _autoembed_match(self, match: re.Match[str]) -> str:
        return match.group(1) + self.resolve({}, match.group(2), link_if_unknown=False) + match.group(3)

    def autoembed(self, content: str) -> str:
        """``WP_Embed::autoembed()``: a URL alone on its line or in its own paragraph is embedded."""
        if not _has_url(content):
            # Nothing to embed: only the placeholder swap shows, on line-break markers the content already had.
            return content.replace(_LINE_BREAK, "\n") if _LINE_BREAK in content else content
        content = replace_in_html_tags(content, "\n", _LINE_BREAK)
        content = _URL_ON_OWN_LINE.sub(self._autoembed_match, content)
        content = _URL_IN_OWN_PARAGRAPH.sub(self._autoembed_match, content)
        return content.replace(_LINE_BREAK, "\n")


def _has_url(content: str) -> bool:
    """Whether ``(^|\\s|>)https?://`` (WP_Embed::autoembed's pre-check) matches, case-insensitively.

    Swapping the newlines inside tags for the line-break marker, which ends in ``>``, changes no answer,
    so this can be asked before the swap.
    """
    # Each "://" is looked at in turn (a scan for it is far cheaper than for every "h"), with the scheme before it.
    at = content.find("://")
    while at >= 0:
        for scheme in ("https", "http"):
            start = at - len(scheme)
            if start >= 0 and content[start:at].lower() == scheme:
                if start == 0 or content[start - 1] in _URL_MAY_FOLLOW:
                    return True
                break
        at = content.find("://", at + 3)
    return False


def _int(value: str) -> int:
    match = re.match(r"\s*([+-]?\d+)", value)
    return int(match.group(1)) if match else 0
