"""The ``[caption]``, ``[audio]`` and ``[video]`` shortcodes (``wp-includes/media.php``)."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from app.rendering.context import RenderContext
from app.rendering.shortcodes import ShortcodeAttrs, shortcode_atts

AUDIO_EXTENSIONS = ("mp3", "ogg", "flac", "m4a", "wav")
VIDEO_EXTENSIONS = ("mp4", "m4v", "webm", "ogv", "flv")
# wp_get_mime_types() for the extensions the players accept.
_MIME_BY_EXTENSION = {
    "mp3": "audio/mpeg",
    "m4a": "audio/mpeg",
    "ogg": "audio/ogg",
    "flac": "audio/flac",
    "wav": "audio/wav",
    "mp4": "video/mp4",
    "m4v": "video/mp4",
    "webm": "video/webm",
    "ogv": "video/ogg",
    "flv": "video/x-flv",
}
_EXTENSION = re.compile(r"\.([^./?#]+)(?:[?#].*)?$")
_IMAGE_FIRST = re.compile(r"((?:<a [^>]+>\s*)?<img [^>]+>(?:\s*</a>)?)(.*)", re.IGNORECASE | re.DOTALL)
_HTML_CLASS_UNSAFE = re.compile(r"%[a-fA-F0-9][a-fA-F0-9]|[^A-Za-z0-9_-]")
_YOUTUBE = re.compile(r"^https?://(?:www\.)?(?:youtube\.com/watch|youtu\.be/)")
_VIMEO = re.compile(r"^https?://(.+\.)?vimeo\.com/.*")


def esc_attr(value: str) -> str:
    """``esc_attr()``/``esc_html()`` for plain values: escape the HTML specials."""
    return html.escape(value, quote=True).replace("&#x27;", "&#039;")


def sanitize_html_class(value: str) -> str:
    """``sanitize_html_class()``: keep only characters valid in a class name."""
    return _HTML_CLASS_UNSAFE.sub("", value)


def file_mime(url: str) -> tuple[str, str]:
    """``wp_check_filetype()`` restricted to audio and video: (extension, MIME type) or ("", "")."""
    match = _EXTENSION.search(url.split("?", 1)[0])
    extension = match.group(1).lower() if match else ""
    return (extension, _MIME_BY_EXTENSION[extension]) if extension in _MIME_BY_EXTENSION else ("", "")


def _truthy(value: str) -> bool:
    # wp_validate_boolean(): "false" (any case) is false, otherwise PHP truthiness.
    return value.lower() != "false" and value not in ("", "0")


def caption_shortcode(attrs: ShortcodeAttrs | str, content: str | None, do_shortcode: object) -> str:
    """``img_caption_shortcode()`` with HTML5 markup (block themes declare html5 captions)."""
    given = dict(attrs) if isinstance(attrs, dict) else {}
    content = content or ""
    if "caption" not in given:
        match = _IMAGE_FIRST.match(content)
        if match:
            content, given["caption"] = match.group(1), match.group(2).strip(" \t\n\r\0\x0b")
    atts = shortcode_atts(
        {"id": "", "caption_id": "", "align": "alignnone", "width": "", "caption": "", "class": ""}, given
    )
    width = _php_int(atts["width"])
    if width < 1 or not atts["caption"] or atts["caption"] == "0":
        return content
    element_id = sanitize_html_class(atts["id"]) if atts["id"] else ""
    caption_id = sanitize_html_class(atts["caption_id"]) if atts["caption_id"] else ""
    if not caption_id and element_id:
        caption_id = "caption-" + element_id.replace("_", "-")
    id_attr = f'id="{esc_attr(element_id)}" ' if element_id else ""
    caption_attr = f'id="{esc_attr(caption_id)}" ' if caption_id else ""
    described = f'aria-describedby="{esc_attr(caption_id)}" ' if caption_id else ""
    classes = esc_attr(f"wp-caption {atts['align']} {atts['class']}".strip(" \t\n\r\0\x0b"))
    inner = do_shortcode(content) if callable(do_shortcode) else content
    caption = f'<figcaption {caption_attr}class="wp-caption-text">{atts["caption"]}</figcaption>'
    return f'<figure {id_attr}{described}style="width: {width}px" class="{classes}">{inner}{caption}</figure>'


def _php_int(value: str) -> int:
    match = re.match(r"\s*([+-]?\d+)", value)
    return int(match.group(1)) if match else 0


@dataclass
class MediaPlayers:
    """``[audio]``/``[video]`` with their per-render instance counters (static in WordPress)."""

    ctx: RenderContext
    audio_instances: int = 0
    video_instances: int = 0
    seen: set[str] = field(default_factory=set)

    def _sources(self, atts: dict[str, str], kinds: tuple[str, ...], instance: int, src_mime: str = "") -> str:
        out = []
        for kind in kinds:
            if atts.get(kind):
                mime = src_mime if kind == "src" and src_mime else file_mime(atts[kind])[1]
                url = atts[kind] + ("&" if "?" in atts[kind] else "?") + f"_={instance}"
                out.append(f'<source type="{mime}" src="{esc_attr(url)}" />')
        return "".join(out)

    def _primary(self, atts: dict[str, str], kinds: tuple[str, ...], mime_prefix: str) -> tuple[str, ...] | None:
        if any(atts[ext] and file_mime(atts[ext])[0] == ext for ext in kinds):
            return kinds
        found = self.ctx.attached_media(self.ctx.post_id, mime_prefix)
        if not found or not found[0].url:
            return None
        atts["src"] = found[0].url
        return ("src", *kinds)

    def audio(self, attrs: ShortcodeAttrs | str, content: str | None, tag: str) -> str:
        """``wp_audio_shortcode()``."""
        self.audio_instances += 1
        instance = self.audio_instances
        defaults = {"src": "", "loop": "", "autoplay": "", "preload": "none", "class": "wp-audio-shortcode"}
        defaults |= {"style": "width: 100%;"} | dict.fromkeys(AUDIO_EXTENSIONS, "")
        atts = shortcode_atts(defaults, attrs)
        if atts["src"]:
            if file_mime(atts["src"])[0] not in AUDIO_EXTENSIONS:
                return f'<a class="wp-embedded-audio" href="{esc_attr(atts["src"])}">{esc_attr(atts["src"])}</a>'
            kinds: tuple[str, ...] | None = ("src", *AUDIO_EXTENSIONS)
        else:
            kinds = self._primary(atts, AUDIO_EXTENSIONS, "audio")
        if kinds is None:
            return ""
        html_atts = {"class": atts["class"], "id": f"audio-{self.ctx.post_id}-{instance}"}
        html_atts |= {
            "loop": "1" if _truthy(atts["loop"]) else "",
            "autoplay": "1" if _truthy(atts["autoplay"]) else "",
        }
        html_atts |= {"preload": atts["preload"], "style": atts["style"]}
        out = (
            "<!--[if lt IE 9]><script>document.createElement('audio');</script><![endif]-->\n" if instance == 1 else ""
        )
        out += f'<audio {_attr_string(html_atts, ("loop", "autoplay", "preload"))} controls="controls">'
        out += self._sources(atts, kinds, instance)
        return out + _fallback_link(atts, kinds) + "</audio>"

    def video(self, attrs: ShortcodeAttrs | str, content: str | None, tag: str) -> str:
        """``wp_video_shortcode()`` (no ``$content_width`` in block themes, so 640 wide by default)."""
        self.video_instances += 1
        instance = self.video_instances
        defaults = {"src": "", "poster": "", "loop": "", "autoplay": "", "muted": "false", "preload": "metadata"}
        defaults |= {"width": "640", "height": "360", "class": "wp-video-shortcode"}
        atts = shortcode_atts(defaults | dict.fromkeys(VIDEO_EXTENSIONS, ""), attrs)
        src_mime = ""
        if atts["src"]:
            src_mime = "video/youtube" if _YOUTUBE.match(atts["src"]) else ""
            src_mime = "video/vimeo" if _VIMEO.match(atts["src"]) else src_mime
            if not src_mime and file_mime(atts["src"])[0] not in VIDEO_EXTENSIONS:
                return f'<a class="wp-embedded-video" href="{esc_attr(atts["src"])}">{esc_attr(atts["src"])}</a>'
            kinds: tuple[str, ...] | None = ("src", *VIDEO_EXTENSIONS)
        else:
            kinds = self._primary(atts, VIDEO_EXTENSIONS, "video")
        if kinds is None:
            return ""
        out = (
            "<!--[if lt IE 9]><script>document.createElement('video');</script><![endif]-->\n" if instance == 1 else ""
        )
        video_attrs = _attr_string(_video_attrs(atts, self.ctx.post_id, instance), _OPTIONAL_VIDEO)
        out += f'<video {video_attrs} controls="controls">'
        out += self._sources(atts, kinds, instance, src_mime)
        if content:
            out += content.replace("\r\n", "").replace("\n", "").replace("\t", "").strip(" \t\n\r\0\x0b")
        out += _fallback_link(atts, kinds) + "</video>"
        width = _php_int(atts["width"])
        return f'<div style="{f"width: {width}px;" if width else ""}" class="wp-video">{out}</div>'


_OPTIONAL_VIDEO = ("poster", "loop", "autoplay", "preload", "muted")


def _video_attrs(atts: dict[str, str], post_id: int, instance: int) -> dict[str, str]:
    flags = {name: "1" if _truthy(atts[name]) else "" for name in ("loop", "autoplay", "muted")}
    return {
        "class": atts["class"],
        "id": f"video-{post_id}-{instance}",
        "width": str(abs(_php_int(atts["width"]))),
        "height": str(abs(_php_int(atts["height"]))),
        "poster": atts["poster"],
        **flags,
        "preload": atts["preload"],
    }


def _attr_string(attrs: dict[str, str], omit_when_empty: tuple[str, ...]) -> str:
    kept = {k: v for k, v in attrs.items() if v not in ("", "0") or k not in omit_when_empty}
    return " ".join(f'{name}="{esc_attr(value)}"' for name, value in kept.items())


def _fallback_link(atts: dict[str, str], kinds: tuple[str, ...]) -> str:
    # wp_mediaelement_fallback(): a link to the first source.
    url = next((atts[kind] for kind in kinds if atts.get(kind)), "")
    return f'<a href="{esc_attr(url)}">{esc_attr(url)}</a>'
