"""What raw content refers to that its rendering reads: reusable blocks, attachments, embed URLs.

Found by pattern, not by rendering, so a whole batch's lookups can be fetched up front; finding a
little more than the renderer will ask for only costs a row fetched for nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

# A reusable block reference, <!-- wp:block {"ref":12} /--> (render_block_core_block reads "ref").
_BLOCK_REF = re.compile(r"<!--\s+wp:(?:core/)?block\s+\{[^}]*?\"ref\"\s*:\s*(\d+)")
# Case-insensitive patterns below are spelled with classes, which let the regex engine skip ahead to a first
# letter (re.IGNORECASE also takes the long s for "s" and the dotted and dotless I for "i": so do these).
# wp_filter_content_tags() finds the attachment of an <img> by its wp-image-N class.
_IMAGE_CLASS = re.compile(r"[wW][pP]-[iIİı][mM][aA][gG][eE]-(\d+)")
# Attachment ids in block attributes (core/image "id", core/gallery "ids", core/media-text "mediaId").
_BLOCK_MEDIA_ID = re.compile(r"\"(?:id|ids|mediaId)\"\s*:\s*\[?([\d,\s]+)\]?")
_MEDIA_SHORTCODE = re.compile(r"\[(gallery|playlist|audio|video)\b([^\]]*)\]", re.IGNORECASE)
_ID_LIST_ATTR = re.compile(r"\b(?:ids|include)\s*=\s*[\"']?([\d,\s]+)", re.IGNORECASE)
_PARENT_ATTR = re.compile(r"\bid\s*=\s*[\"']?(\d+)", re.IGNORECASE)
_SRC_ATTR = re.compile(r"\b(?:src|mp3|ogg|flac|m4a|wav|mp4|m4v|webm|ogv|flv|wmv|wma)\s*=", re.IGNORECASE)
_SCHEME = "[hH][tT][tT][pP][sSſ]?://"
_URL = re.compile(_SCHEME + r"[^\s<>\"'\[\]]+")
_YOUTUBE_HOST = r"(?:[wW][wW][wW].)?[yY][oO][uU][tT][uU][bB][eE]\.[cC][oO][mM]/"
_YOUTUBE_EMBED_URL = re.compile(_SCHEME + _YOUTUBE_HOST + r"(?:[vV]|[eE][mM][bB][eE][dD])/([^/\s<>\"']+)")
# wp_embed_defaults(): width is the theme's $content_width, else 500; height is min(ceil(1.5 width), 1000).
# The cache key hashes both. A block theme (the sites we serve replace one) sets no $content_width, so
# WordPress looks up the 500-wide key only: a cache an export carries for another width (a classic
# theme's 640, say) is not found, WordPress tries the provider and shows the link; so do we.
EMBED_WIDTHS = (500,)


# The listing blocks (app.rendering.site_blocks) and the site-wide data each shows (keys of render_context).
_SITE_BLOCK = re.compile(
    r"<!--\s+wp:(?:core/)?(latest-posts|latest-comments|archives|calendar|categories|tag-cloud|search|rss)\b"
)
SITE_BLOCK_KEYS = {
    "latest-posts": ("posts", "terms", "options"),
    "latest-comments": ("comments", "posts", "options"),
    "archives": ("posts", "options"),
    "calendar": ("posts", "options"),
    "categories": ("terms", "posts", "options"),
    "tag-cloud": ("terms", "posts", "options"),
    "search": ("options",),
    "rss": ("options",),
}


# Shortcodes whose output links to attachment pages, whose addresses follow the permalink options.
_LINKING_SHORTCODE = re.compile(r"\[gallery\b", re.IGNORECASE)
LINKING_MARKERS = ("[gallery",)


def site_keys(text: str) -> set[str]:
    """The site-wide data (``posts``, ``comments``, ``terms``, ``options``) the text's listing blocks show,
    and ``links`` if it shows permalinks that the permalink options decide."""
    keys = {"links"} if "[" in text and _LINKING_SHORTCODE.search(text) else set()
    if "wp:" not in text:
        return keys
    return keys | {key for name in _SITE_BLOCK.findall(text) for key in SITE_BLOCK_KEYS[name]}


def block_refs(text: str) -> set[int]:
    """IDs of the reusable blocks the text references."""
    return {int(ref) for ref in _BLOCK_REF.findall(text)} if "wp:" in text else set()


def _numbers(listed: str) -> set[int]:
    return {int(part) for part in re.split(r"[,\s]+", listed) if part.isdigit()}


def attachment_refs(text: str) -> set[int]:
    """IDs of attachments the text names: image classes, media block attributes, shortcode id lists."""
    found = {int(value) for value in _IMAGE_CLASS.findall(text)} if "wp-image-" in text else set()
    if "<!-- wp:" in text:
        for listed in _BLOCK_MEDIA_ID.findall(text):
            found |= _numbers(listed)
    if "[" in text:
        for _, attrs in _MEDIA_SHORTCODE.findall(text):
            for listed in _ID_LIST_ATTR.findall(attrs):
                found |= _numbers(listed)
    return found


def media_parents(text: str, post_id: int) -> set[int]:
    """Posts whose attached media the text's shortcodes list (``[gallery]`` without ids, ``[audio]`` ...)."""
    parents: set[int] = set()
    if "[" not in text:
        return parents
    for name, attrs in _MEDIA_SHORTCODE.findall(text):
        if _ID_LIST_ATTR.search(attrs):
            continue
        if name.lower() in ("audio", "video") and _SRC_ATTR.search(attrs):
            continue
        explicit = _PARENT_ATTR.search(attrs) if name.lower() in ("gallery", "playlist") else None
        parents.add(int(explicit.group(1)) if explicit else post_id)
    return parents


def embed_urls(text: str) -> set[str]:
    """URLs WP_Embed may look up: every URL in the text, as the embed handlers would pass it."""
    if "://" not in text:
        return set()
    urls = {url.replace("&amp;", "&") for url in _URL.findall(text)}
    urls |= {"https://youtube.com/watch?v=" + video for video in _YOUTUBE_EMBED_URL.findall(text)}
    return urls


def oembed_cache_keys(url: str, widths: Iterable[int] = EMBED_WIDTHS) -> list[str]:
    """``md5($url . serialize($attr))`` for the embed defaults of each width, as WP_Embed::shortcode keys caches."""
    keys = []
    for width in widths:
        height = min(-(-width * 3 // 2), 1000)
        # PHP serialize() of ['width' => w, 'height' => h]; the height is ceil()'s float on some WordPress
        # and PHP versions ("d:750;") and an int on others ("i:750;").
        for kind in ("i", "d"):
            attrs = f'a:2:{{s:5:"width";i:{width};s:6:"height";{kind}:{height};}}'
            keys.append(hashlib.md5((url + attrs).encode(), usedforsecurity=False).hexdigest())
    return keys


def referenced_texts(texts: Iterable[str]) -> tuple[set[int], set[int], set[str]]:
    """Block refs, attachment ids and embed URLs of several texts together."""
    blocks: set[int] = set()
    attachments: set[int] = set()
    urls: set[str] = set()
    for text in texts:
        if text:
            blocks |= block_refs(text)
            attachments |= attachment_refs(text)
            urls |= embed_urls(text)
    return blocks, attachments, urls
