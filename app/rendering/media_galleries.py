"""The ``[gallery]`` and ``[playlist]`` shortcodes (``gallery_shortcode``, ``wp_playlist_shortcode``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from app.rendering.context import AttachmentInfo, RenderContext
from app.rendering.media_shortcodes import esc_attr, sanitize_html_class
from app.rendering.shortcodes import ShortcodeAttrs, shortcode_atts
from app.rendering.srcset import calculate_srcset
from app.rendering.texturize import Texturizer

_TEXTURIZE_CAPTION = Texturizer(())


def _ids(value: str) -> list[int]:
    return [int(part) for part in value.replace(" ", "").split(",") if part.isdigit()]


def attachment_image(attachment: AttachmentInfo, size: str, extra: dict[str, str]) -> str:
    """``wp_get_attachment_image()``: the sized ``<img>`` with WordPress 6.1's attribute order."""
    chosen = attachment.sizes.get(size)
    url, width, height = (
        (chosen.url, chosen.width, chosen.height) if chosen else (attachment.url, attachment.width, attachment.height)
    )
    attrs = {"src": url, "class": f"attachment-{size} size-{size}", "alt": attachment.alt}
    attrs |= {"decoding": "async", "loading": "lazy", **extra}
    srcset = calculate_srcset(width, height, url, attachment) if width and height else None
    if srcset is not None:
        attrs |= {"srcset": srcset, "sizes": f"(max-width: {width}px) 100vw, {width}px"}
    dimensions = f'width="{width}" height="{height}" ' if width and height else ""
    return f"<img {dimensions}" + " ".join(f'{k}="{esc_attr(v)}"' for k, v in attrs.items()) + " />"


@dataclass
class Galleries:
    """Gallery and playlist shortcodes with their per-render instance counters."""

    ctx: RenderContext
    gallery_instances: int = 0
    playlist_instances: int = 0

    def _attachments(self, include: str, exclude: str, parent: int, mime: str) -> list[AttachmentInfo]:
        if include:
            found = (self.ctx.attachment(i) for i in _ids(include))
            return [a for a in found if a is not None and a.mime.startswith(mime)]
        excluded = set(_ids(exclude))
        return [a for a in self.ctx.attached_media(parent, mime) if a.id not in excluded]

    def gallery(self, attrs: ShortcodeAttrs | str, content: str | None, tag: str) -> str:
        """``gallery_shortcode()`` with HTML5 markup (no default gallery style in block themes)."""
        self.gallery_instances += 1
        given = dict(attrs) if isinstance(attrs, dict) else {}
        if given.get("ids"):
            given["include"] = given["ids"]
        defaults = {"id": str(self.ctx.post_id), "columns": "3", "size": "thumbnail", "include": "", "exclude": ""}
        atts = shortcode_atts(defaults | {"link": ""}, given)
        parent = int(atts["id"]) if atts["id"].isdigit() else 0
        attachments = self._attachments(atts["include"], atts["exclude"], parent, "image")
        if not attachments:
            return ""
        selector = f"gallery-{self.gallery_instances}"
        columns = int(atts["columns"]) if atts["columns"].isdigit() else 0
        out = f"<div id='{selector}' class='gallery galleryid-{parent} gallery-columns-{columns} "
        out += f"gallery-size-{sanitize_html_class(atts['size'])}'>"
        for attachment in attachments:
            out += self._gallery_item(attachment, atts, selector)
        return out + "\n\t\t</div>\n"

    def _gallery_item(self, attachment: AttachmentInfo, atts: dict[str, str], selector: str) -> str:
        caption = attachment.caption.strip()
        extra = {"aria-describedby": f"{selector}-{attachment.id}"} if caption else {}
        image = attachment_image(attachment, atts["size"], extra)
        if atts["link"] != "none":
            href = attachment.url if atts["link"] == "file" else attachment.link
            image = f"<a href='{esc_attr(href)}'>{image}</a>"
        orientation = ""
        if attachment.width and attachment.height:
            orientation = "portrait" if attachment.height > attachment.width else "landscape"
        item = f"<figure class='gallery-item'>\n\t\t\t<div class='gallery-icon {orientation}'>\n\t\t\t\t{image}"
        item += "\n\t\t\t</div>"
        if caption:
            item += f"\n\t\t\t\t<figcaption class='wp-caption-text gallery-caption' id='{selector}-{attachment.id}'>"
            item += f"\n\t\t\t\t{_TEXTURIZE_CAPTION(attachment.caption)}\n\t\t\t\t</figcaption>"
        return item + "</figure>"

    def playlist(self, attrs: ShortcodeAttrs | str, content: str | None, tag: str) -> str:
        """``wp_playlist_shortcode()``: player markup plus the JSON track list."""
        self.playlist_instances += 1
        given = dict(attrs) if isinstance(attrs, dict) else {}
        if given.get("ids"):
            given["include"] = given["ids"]
        defaults = {"type": "audio", "style": "light", "include": "", "exclude": "", "id": str(self.ctx.post_id)}
        atts = shortcode_atts(defaults | {"tracklist": "true", "tracknumbers": "true", "images": "true"}, given)
        kind = "video" if atts["type"] == "video" else "audio"
        parent = int(atts["id"]) if atts["id"].isdigit() else 0
        tracks = self._attachments(atts["include"], atts["exclude"], parent, kind)
        if not tracks:
            return ""
        data = {
            "type": kind,
            "tracklist": atts["tracklist"] != "false",
            "tracknumbers": atts["tracknumbers"] != "false",
        }
        data |= {"images": atts["images"] != "false", "artists": True}
        data["tracks"] = [_track(track) for track in tracks]
        style = esc_attr(atts["style"])
        out = f'<div class="wp-playlist wp-{kind}-playlist wp-playlist-{style}">'
        if kind == "audio":
            out += '<div class="wp-playlist-current-item"></div>'
        out += f'<{kind} controls="controls" preload="none" width="640"'
        out += ' height="360"></video>' if kind == "video" else "></audio>"
        out += '<div class="wp-playlist-next"></div><div class="wp-playlist-prev"></div><noscript><ol>'
        out += "".join(f"<li><a href='{esc_attr(t.url)}'>{esc_attr(t.title or t.url)}</a></li>" for t in tracks)
        payload = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("/", "\\/")
        return (
            out + f'</ol></noscript><script type="application/json" class="wp-playlist-script">{payload}</script></div>'
        )


def _track(track: AttachmentInfo) -> dict[str, object]:
    return {"src": track.url, "type": track.mime, "title": track.title, "caption": track.caption, "description": ""}
