"""``prepend_attachment()``: an attachment's description is shown after the file it describes."""

from __future__ import annotations

from app.rendering import AttachmentInfo, RenderContext
from app.rendering.media_galleries import attachment_image
from app.rendering.media_shortcodes import MediaPlayers, esc_attr


def _link_text(attachment: AttachmentInfo) -> str:
    # wp_get_attachment_link( 0, 'medium' ): the medium image, else the title, else the file name.
    is_image = attachment.mime.startswith("image/") or bool(attachment.sizes)
    text = attachment_image(attachment, "medium", {}) if is_image and attachment.url else ""
    if not text.strip():
        text = attachment.title
    if not text.strip():
        text = esc_attr(attachment.url.rsplit("/", 1)[-1].rsplit(".", 1)[0])
    return text


def attachment_preview(attachment: AttachmentInfo, ctx: RenderContext) -> str:
    """What ``prepend_attachment()`` puts before the description: a player, or a linked medium image."""
    if attachment.mime.startswith("video/"):
        attrs: dict[str | int, str] = {"src": attachment.url}
        if attachment.width and attachment.height:
            attrs |= {"width": str(attachment.width), "height": str(attachment.height)}
        return MediaPlayers(ctx).video(attrs, None, "video")
    if attachment.mime.startswith("audio/"):
        return MediaPlayers(ctx).audio({"src": attachment.url}, None, "audio")
    return f"<p class=\"attachment\"><a href='{esc_attr(attachment.url)}'>{_link_text(attachment)}</a></p>"
