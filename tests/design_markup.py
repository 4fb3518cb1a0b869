"""The design page as the editor works on it: ``@@composite-design`` sends the
cards of each slot and of the tray in a card block (design/card_blocks.py), a
``<script type="application/json" data-composite-cards>``, which the editor
replaces with its cards as it starts (resources/src/editor/blocks.js). Tests
read the page after doing the same, and check the blocks on the way."""

from lxml import html as lxml_html

import json
import re


# A block holds no "<" (design/card_blocks.py escapes it), so its text ends
# at the first one.
ATTRIBUTE = r"data-composite-cards(?![\w-])"
BLOCK = re.compile(rf"<script\b([^>]*\b{ATTRIBUTE}[^>]*)>([^<]*)</script>")


def block_cards(attributes: str, text: str) -> list[str]:
    """The cards' HTML of one block, checked to be inert.

    :param attributes: the attributes of the block's ``<script>`` tag.
    :param text: its text, the JSON.
    :returns: the HTML of each card, in order.
    """
    assert re.search(r'\btype="application/json"', attributes), attributes
    assert not set("<>&") & set(text), "a card block must escape <, > and &"
    cards = json.loads(text)
    assert cards, "an empty slot has no block"
    assert all(isinstance(card, str) for card in cards), cards
    return cards


def unpacked(html: str) -> str:
    """:returns: ``html`` with every card block replaced by its cards, as the
    editor does."""
    html = BLOCK.sub(lambda match: "\n".join(block_cards(*match.groups())), html)
    assert not re.search(ATTRIBUTE, html), "a card block that is not inert"
    return html


def design_document(html: str):
    """:returns: the design page ``html``, unpacked and parsed by lxml."""
    return lxml_html.fromstring(unpacked(html))
