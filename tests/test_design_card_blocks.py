"""Card blocks (design/card_blocks.py): the cards' HTML as JSON in a
``<script>``, inert to HTML parsers and serializers, read back as it was."""

from collective.composite.design.card_blocks import card_block
from design_markup import unpacked
from lxml import etree
from lxml import html as lxml_html


TRICKY = [
    '<div data-widget-id="a" title="&quot;quoted&quot; &amp; more">'
    "<p>&lt;/script&gt;&lt;script&gt;window.__xss=1&lt;/script&gt;</p></div>",
    '<div data-widget-id="b"><!-- <script> --><p>Grüße – 日本語 \u2028</p></div>',
    "</script><!--<script>",
]


def test_no_cards_no_block():
    assert card_block([]) == ""


def test_the_cards_come_back_as_they_were():
    assert unpacked(card_block(TRICKY)) == "\n".join(TRICKY)


def test_parsers_keep_a_block_as_one_text_node():
    page = f"<html><body><div>{card_block(TRICKY)}</div></body></html>"
    (script,) = lxml_html.fromstring(page).iter("script")
    assert list(script) == []
    # As the theme transform writes it back, with the HTML or the XML serializer.
    for serialize in (lxml_html.tostring, etree.tostring):
        assert unpacked(serialize(script, encoding="unicode")) == "\n".join(TRICKY)
