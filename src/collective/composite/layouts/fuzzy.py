"""Fuzzy (greeked) text and colour blocks for design templates.

Design templates reach these helpers as the top-level name ``fuzzy``:
``<div tal:replace="structure fuzzy/title" />`` or
``<div tal:replace="structure python: fuzzy.paragraphs(2)" />``.

Every helper returns markup made only of empty, ``aria-hidden`` elements whose
classes (``composite-fuzzy-*``, styled by ``layouts/static/design.css``) draw bars
of the width of words, so the design page keeps the rhythm of text without
readable content. The output is deterministic for a given page: the bars are
drawn from a hash of the page's UID (or path), the helper and a key, never from
an unseeded random generator, so nothing flickers between renders.
"""

from Acquisition import aq_chain
from functools import cached_property
from hashlib import blake2b
from plone.uuid.interfaces import IUUID
from Products.CMFCore.interfaces import ISiteRoot
from random import Random

import re


# Word bars are drawn in classes w1..w14 (ch units), see design.css.
MAX_WORD = 14
# Real text shapes the design page only up to here: enough to show its rhythm.
MAX_PARAGRAPHS = 6
MAX_WORDS = 80

_BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|pre|div)\s*>|<br\s*/?>", re.I)
_TAG = re.compile(r"<[^>]+>")


class FuzzyMarkup(str):
    """Markup that TAL inserts without escaping, with or without ``structure``."""

    __slots__ = ()

    def __html__(self) -> str:
        return str(self)


class Fuzzy:
    """Greeked text helpers bound to one page.

    :param context: the page being designed; its title, description and rich
        text shape the matching helpers.

    Helpers that take a ``key`` draw the same bars for the same key on the same
    page; without a key each call takes the next number of a counter, so a
    template rendered twice gives the same markup both times.
    """

    # Themes' restricted templates (layouts.restricted) may use every public
    # helper; RestrictedPython refuses the ``_`` names anyway.
    __allow_access_to_unprotected_subobjects__ = True

    def __init__(self, context):
        self.context = context
        self._calls = 0

    @cached_property
    def seed(self) -> str:
        """The page's UID, or its path for objects without one."""
        uid = IUUID(self.context, None)
        if uid:
            return uid
        path = getattr(self.context, "getPhysicalPath", None)
        return "/".join(path()) if path else repr(type(self.context))

    def _key(self, key):
        if key is None:
            self._calls += 1
            return self._calls
        return key

    def _random(self, helper: str, key) -> Random:
        key = self._key(key)
        digest = blake2b(f"{self.seed}\0{helper}\0{key}".encode(), digest_size=8)
        return Random(int.from_bytes(digest.digest(), "big"))

    @staticmethod
    def _bars(lengths) -> str:
        return " ".join(
            f'<span class="composite-fuzzy-word composite-fuzzy-w'
            f'{min(max(length, 1), MAX_WORD)}"></span>'
            for length in lengths
        )

    @staticmethod
    def _wrap(kind: str, inner: str, tag: str = "span") -> FuzzyMarkup:
        return FuzzyMarkup(
            f'<{tag} class="composite-fuzzy composite-fuzzy-{kind}" '
            f'aria-hidden="true">{inner}</{tag}>'
        )

    def _word_lengths(self, random: Random, count: int) -> list[int]:
        # Short words are common and long ones rare, as in running text.
        return [
            min(int(random.expovariate(1 / 4.5)) + 2, MAX_WORD) for _ in range(count)
        ]

    def _some_bars(self, random: Random, fewest: int, most: int) -> str:
        """Bars of ``fewest`` to ``most`` words, all drawn from ``random``."""
        return self._bars(self._word_lengths(random, random.randint(fewest, most)))

    def words(self, count: int = 5, key=None) -> FuzzyMarkup:
        """An inline run of ``count`` word bars.

        :param count: number of words.
        :param key: makes the bars stable whatever the call order.
        :returns: a ``span.composite-fuzzy-words``.
        """
        random = self._random("words", key)
        return self._wrap("words", self._bars(self._word_lengths(random, count)))

    def greek(self, text: str, kind: str = "text") -> FuzzyMarkup:
        """Real text turned into bars of the same word lengths.

        :param text: the text to greek; tags are ignored.
        :param kind: the CSS modifier, ``composite-fuzzy-<kind>``.
        :returns: a ``span`` of word bars, at most MAX_WORDS of them.
        """
        return self._wrap(kind, self._bars(_lengths(text)))

    def line(self, key=None) -> FuzzyMarkup:
        """One short line of text (a link, a caption, a list item).

        :param key: makes the bars stable whatever the call order.
        :returns: a ``span.composite-fuzzy-line``.
        """
        return self._wrap("line", self._some_bars(self._random("line", key), 3, 7))

    def lines(self, count: int = 3, key=None) -> FuzzyMarkup:
        """``count`` short lines, one under the other.

        :param count: number of lines.
        :param key: makes the bars stable whatever the call order.
        :returns: a ``span.composite-fuzzy-lines``.
        """
        random = self._random("lines", key)
        inner = "".join(
            self._wrap("line", self._some_bars(random, 3, 7)) for _ in range(count)
        )
        return self._wrap("lines", inner)

    def paragraph(self, key=None) -> FuzzyMarkup:
        """A paragraph of 20 to 60 words that wraps like real text.

        :param key: makes the bars stable whatever the call order.
        :returns: a ``div.composite-fuzzy-paragraph``.
        """
        bars = self._some_bars(self._random("paragraph", key), 20, 60)
        return self._wrap("paragraph", bars, tag="div")

    def paragraphs(self, count: int = 3, key=None) -> FuzzyMarkup:
        """``count`` paragraphs.

        :param count: number of paragraphs.
        :param key: makes the bars stable whatever the call order.
        :returns: a ``div.composite-fuzzy-paragraphs``.
        """
        key = self._key(key)
        inner = "".join(self.paragraph(key=(key, index)) for index in range(count))
        return self._wrap("paragraphs", inner, tag="div")

    def title(self) -> FuzzyMarkup:
        """The page title, greeked word for word (3 to 6 words when it has none).

        :returns: a ``span.composite-fuzzy-title``.
        """
        return self._page_text("Title", "title", fallback_words=(3, 6))

    def description(self) -> FuzzyMarkup:
        """The page description, greeked (two lines when it has none).

        :returns: a ``span.composite-fuzzy-description``.
        """
        return self._page_text("Description", "description", fallback_words=(12, 24))

    def _page_text(
        self, accessor: str, kind: str, fallback_words: tuple[int, int]
    ) -> FuzzyMarkup:
        """The page's own text greeked, or bars of a number of words without it.

        :param accessor: the content method giving the text (``Title``...).
        :param kind: the helper's name, its class and its part of the seed.
        :param fallback_words: the fewest and the most words drawn without text.
        """
        text = _call(self.context, accessor)
        if text:
            return self.greek(text, kind=kind)
        return self._wrap(
            kind, self._some_bars(self._random(kind, "fallback"), *fallback_words)
        )

    def text(self) -> FuzzyMarkup:
        """The page's rich text, greeked paragraph by paragraph.

        Follows the number and length of the first MAX_PARAGRAPHS paragraphs of
        the ``text`` field; three invented paragraphs when the page has none.

        :returns: a ``div.composite-fuzzy-paragraphs``.
        """
        text = getattr(self.context, "text", None)
        html = getattr(text, "raw", text) if text is not None else ""
        blocks = [
            block
            for block in (_TAG.sub(" ", part) for part in _BLOCK_END.split(html or ""))
            if block.strip()
        ]
        if not blocks:
            return self.paragraphs(3, key="text")
        inner = "".join(
            self._wrap("paragraph", self._bars(_lengths(block)), tag="div")
            for block in blocks[:MAX_PARAGRAPHS]
        )
        return self._wrap("paragraphs", inner, tag="div")

    def image(self, ratio: str = "16x9") -> FuzzyMarkup:
        """A grey block standing for a picture.

        :param ratio: ``16x9``, ``4x3`` or ``1x1``.
        :returns: a ``span.composite-fuzzy-image``.
        """
        if ratio not in ("16x9", "4x3", "1x1"):
            ratio = "16x9"
        return self._wrap(f"image composite-fuzzy-image-{ratio}", "")

    def navigation(self, count: int = 5) -> FuzzyMarkup:
        """A row of ``count`` navigation tabs.

        :param count: number of tabs.
        :returns: a ``span.composite-fuzzy-navigation``.
        """
        random = self._random("navigation", "tabs")
        inner = "".join(
            self._wrap("tab", self._some_bars(random, 1, 2)) for _ in range(count)
        )
        return self._wrap("navigation", inner)

    def breadcrumbs(self) -> FuzzyMarkup:
        """One crumb per level between the site root and the page.

        :returns: a ``span.composite-fuzzy-breadcrumbs``.
        """
        random = self._random("breadcrumbs", "crumbs")
        inner = "".join(
            self._wrap("crumb", self._bars(self._word_lengths(random, 1)))
            for _ in range(self._depth() + 1)
        )
        return self._wrap("breadcrumbs", inner)

    def _depth(self) -> int:
        for depth, item in enumerate(aq_chain(self.context)):
            if ISiteRoot.providedBy(item):
                return depth
        return 0

    def header(self) -> FuzzyMarkup:
        """The site header: a logo block, a search block and the navigation.

        :returns: a ``div.composite-fuzzy-header``.
        """
        inner = (
            '<span class="composite-block composite-block-logo"></span>'
            '<span class="composite-block composite-block-search"></span>'
            f"{self.navigation()}"
        )
        return self._wrap("header", inner, tag="div")

    def footer(self) -> FuzzyMarkup:
        """The site footer: three columns of short lines.

        :returns: a ``div.composite-fuzzy-footer``.
        """
        inner = "".join(self.lines(3, key=("footer", column)) for column in range(3))
        return self._wrap("footer", inner, tag="div")


def _call(context, name: str) -> str:
    method = getattr(context, name, None)
    return method() if callable(method) else ""


def _lengths(text: str) -> list[int]:
    return [len(word) for word in _TAG.sub(" ", text or "").split()][:MAX_WORDS]
