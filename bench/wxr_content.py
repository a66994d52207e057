"""Post bodies for the synthetic export: block markup and classic HTML in several scripts.

Paragraphs are drawn from a small seeded pool so that a 500 MB file costs little CPU and no memory,
while every post still differs in length, order and the IDs it embeds.
"""

from __future__ import annotations

import random

SITE_URL = "https://bench.example"
UPLOADS_URL = SITE_URL + "/wp-content/uploads"

SENTENCES = (
    "The quarterly report shows steady growth across every region we serve.",
    "Our editors picked the best long reads of the season & the stories behind them.",
    'She said "we will ship it on Friday" and the whole team believed her.',
    "Prices start at 5 < 10 euros for members, which is still a bargain.",
    "Die Größe der Straße überrascht jeden Besucher aus Köln und Düsseldorf.",
    "Le café du coin a rouvert ses portes après des travaux très attendus.",
    "El niño compró una piñata para la fiesta de cumpleaños de su hermana.",
    "مرحبا بكم في موقعنا، نحن سعداء بزيارتكم ونتمنى لكم قراءة ممتعة.",
    "تم افتتاح المكتبة الجديدة في وسط المدينة يوم الخميس الماضي.",
    "ภาษาไทยเป็นภาษาที่มีเสียงวรรณยุกต์และมีอักษรเป็นของตัวเอง",
    "ร้านอาหารแห่งนี้มีชื่อเสียงเรื่องต้มยำกุ้งและข้าวเหนียวมะม่วง",
    "東京の春は桜の季節で、多くの人が公園に集まります。",
    "Launch day went great 🚀🎉 and the feedback was 👍 all around!",
    "We ❤️ our community — thank you for 10 years of support 🙏.",
    "Volunteers planted 1,200 trees along the river during the spring weekend.",
    "The new API lets developers fetch posts, pages and media with a single request.",
    "Read the full interview with the architect who designed the harbour museum.",
    "Tickets for the autumn festival go on sale next Monday at 9 a.m. sharp.",
    "A short guide to brewing better coffee at home, without expensive gear.",
    "Ελληνικά: η θάλασσα ήταν ήρεμη και ο ουρανός καθαρός όλη την ημέρα.",
    "Русский текст: библиотека открыта ежедневно с девяти утра до восьми вечера.",
    "Math check: 3 × 4 = 12, ½ + ¼ = ¾, and π ≈ 3.14159.",
)
TITLE_WORDS = (
    "Annual",
    "Guide",
    "Spring",
    "Harbour",
    "Launch",
    "Review",
    "Festival",
    "Notes",
    "Coffee",
    "Community",
    "Update",
    "Interview",
    "Weekend",
    "Garden",
    "Market",
    "Café",
    "Straße",
    "مرحبا",
    "ภาษาไทย",
    "🚀",
)
_POOL_SIZE = 96


class ContentWriter:
    """Seeded source of titles, paragraphs, block markup and classic HTML."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.paragraphs = tuple(
            " ".join(rng.choice(SENTENCES) for _ in range(rng.randint(2, 7))) for _ in range(_POOL_SIZE)
        )

    def title(self, number: int) -> str:
        """A headline with an ampersand or quotes now and then, as editors write them."""
        words = " ".join(self.rng.choice(TITLE_WORDS) for _ in range(self.rng.randint(2, 6)))
        return f"{words} & more #{number}" if number % 7 == 0 else f"{words} {number}"

    def paragraph(self) -> str:
        """One paragraph of running text."""
        return self.paragraphs[self.rng.randrange(_POOL_SIZE)]

    def remark(self) -> str:
        """A comment: a sentence or two, now and then with a line break WordPress keeps as is."""
        first = self.rng.choice(SENTENCES)
        return first if self.rng.random() < 0.6 else f"{first}\n\n{self.rng.choice(SENTENCES)}"

    def length(self, mean: float) -> int:
        """A paragraph count with a long tail: most posts are short, a few are very long."""
        return min(120, 1 + int(self.rng.expovariate(1.0 / mean)))

    def block_content(self, paragraphs: int, *, image_id: int, pattern_id: int) -> str:
        """Gutenberg block markup: paragraphs, headings, lists, quotes, an image and a synced pattern."""
        parts = []
        for i in range(paragraphs):
            parts.append(self._block_for(i, image_id=image_id, pattern_id=pattern_id))
        return "\n\n".join(parts)

    def _block_for(self, i: int, *, image_id: int, pattern_id: int) -> str:
        roll = self.rng.random()
        if i % 6 == 0 and i:
            return f'<!-- wp:heading -->\n<h2 class="wp-block-heading">{self.title(i)}</h2>\n<!-- /wp:heading -->'
        if roll < 0.06 and image_id:
            return image_block(image_id)
        if roll < 0.09 and pattern_id:
            return f'<!-- wp:block {{"ref":{pattern_id}}} /-->'
        if roll < 0.14:
            return self._list_block()
        if roll < 0.17:
            return (
                '<!-- wp:quote -->\n<blockquote class="wp-block-quote"><!-- wp:paragraph -->\n'
                f"<p>{self.paragraph()}</p>\n<!-- /wp:paragraph --></blockquote>\n<!-- /wp:quote -->"
            )
        if roll < 0.18:
            return inline_script_block()
        return f"<!-- wp:paragraph -->\n<p>{self.paragraph()}</p>\n<!-- /wp:paragraph -->"

    def _list_block(self) -> str:
        items = "".join(
            f"<!-- wp:list-item -->\n<li>{self.rng.choice(SENTENCES)}</li>\n<!-- /wp:list-item -->"
            for _ in range(self.rng.randint(2, 5))
        )
        return f'<!-- wp:list -->\n<ul class="wp-block-list">{items}</ul>\n<!-- /wp:list -->'

    def classic_content(self, paragraphs: int, *, image_id: int, gallery: tuple[int, ...]) -> str:
        """Pre-block HTML with autop-style blank lines, a captioned image and a gallery shortcode."""
        parts = [self.paragraph() for _ in range(paragraphs)]
        if image_id:
            parts.insert(
                min(1, len(parts)),
                f'[caption id="attachment_{image_id}" align="alignnone" width="300"]'
                f'<img class="size-medium wp-image-{image_id}" src="{UPLOADS_URL}/img-{image_id}-300x200.jpg" '
                f'alt="" width="300" height="200" /> Caption for {image_id}[/caption]',
            )
        if gallery:
            parts.append(f'[gallery ids="{",".join(map(str, gallery))}"]')
        if self.rng.random() < 0.05:
            parts.append(inline_script())
        return "\n\n".join(parts)

    def excerpt(self) -> str:
        """A hand-written excerpt for a third of the posts, empty otherwise (WordPress then trims content)."""
        return self.rng.choice(SENTENCES) if self.rng.random() < 0.33 else ""


def image_block(image_id: int) -> str:
    """A ``core/image`` block: the attachment ID sits both in the JSON and in the ``wp-image-N`` class."""
    return (
        f'<!-- wp:image {{"id":{image_id},"sizeSlug":"large","linkDestination":"none"}} -->\n'
        f'<figure class="wp-block-image size-large"><img src="{UPLOADS_URL}/img-{image_id}-1024x683.jpg" '
        f'alt="" class="wp-image-{image_id}"/></figure>\n<!-- /wp:image -->'
    )


def inline_script() -> str:
    """Old themes' inline script wrapped in a JS-commented CDATA section: content holding a raw ``]]>``."""
    return '<script type="text/javascript">\n//<![CDATA[\nvar benchConfig = {"a": [1, 2]};\n//]]>\n</script>'


def inline_script_block() -> str:
    """The same script inside a ``core/html`` block."""
    return f"<!-- wp:html -->\n{inline_script()}\n<!-- /wp:html -->"
