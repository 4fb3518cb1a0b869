"""Card blocks: how design mode's cards travel from the view to the editor.

The design page holds a card per widget, about 15 elements each. Plone's theme
transform (plone.app.theming's compiled Diazo rules, an XSLT) walks the whole
parsed page some forty times, so a thousand cards parsed as elements made
design mode several times slower than the real view (docs/performance.md). The
view therefore renders every card as before, but puts the cards of a slot (and
of the tray) into one ``<script type="application/json">``: the HTML parser
keeps its content as one text node, which the transform passes through
untouched. The editor replaces each block with its cards before anything else
reads the page (``resources/src/editor/blocks.js``), so the DOM the editor works
on is the one ``docs/editor-markup.md`` describes.
"""

import json


ATTRIBUTE = "data-composite-cards"


def card_block(cards: list[str]) -> str:
    """:param cards: the HTML of each card, in order.
    :returns: the block holding ``cards`` for the editor to insert where it
        stands; "" for no cards (an empty slot stays empty).
    """
    if not cards:
        return ""
    # Escaped as JSON allows: with no "<" in the block, no "</script>" or
    # "<!--" in a widget's text can end it or change how it is parsed; with no
    # "<", ">" or "&", any serializer (an XML one escapes them in text) writes
    # it as is. (str.replace: a hundred times faster than str.translate.)
    data = (
        json.dumps(cards, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )
    return f'<script type="application/json" {ATTRIBUTE}>{data}</script>'
