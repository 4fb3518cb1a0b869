"""A corpus of XSS vectors and a page that carries them in every text setting,
widget title and the page title. Each vector, if it ran, would set
``window.__xss``."""

VECTORS = (
    "<script>window.__xss=1</script>",
    '<img src="x" onerror="window.__xss=1">',
    "<svg onload=window.__xss=1>",
    '"><script>window.__xss=1</script>',
    "'><img src=x onerror=window.__xss=1>",
    "javascript:window.__xss=1",
    '<a href="javascript:window.__xss=1">link</a>',
    '<iframe src="javascript:window.__xss=1"></iframe>',
    "</textarea></title><script>window.__xss=1</script>",
    '<details open ontoggle="window.__xss=1">',
    '<body onload="window.__xss=1">',
    "<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>",
    '<object data="javascript:window.__xss=1"></object>',
    "${window.__xss=1}{{constructor.constructor('window.__xss=1')()}}",
    "<style>*{background:url('javascript:window.__xss=1')}</style>",
)
UID = "0123456789abcdef0123456789abcdef"
QUERY = [
    {
        "i": "portal_type",
        "o": "plone.app.querystring.operation.selection.any",
        "v": ["Document"],
    }
]


def widgets(vector: str, index: int) -> list[dict]:
    """One widget of each shipped type with ``vector`` in every text setting."""
    return [
        {"id": f"text-{index}", "type": "text", "settings": {"text": vector}},
        {"id": f"html-{index}", "type": "html", "settings": {"html": vector}},
        {
            "id": f"listing-{index}",
            "type": "listing",
            "settings": {"title": vector, "query": QUERY},
        },
        {
            "id": f"image-{index}",
            "type": "image",
            "settings": {"uid": UID, "alt": vector, "caption": vector},
        },
        {
            "id": f"content-{index}",
            "type": "content",
            "settings": {"uid": UID, "display": "summary"},
        },
    ]


def arrangement_data() -> dict:
    """Every vector in every widget type, in a two-column page."""
    return {
        "layout": "two-columns",
        "slots": {
            "main": [w for i, v in enumerate(VECTORS) for w in widgets(v, i)][:40],
            "sidebar": [w for i, v in enumerate(VECTORS) for w in widgets(v, i)][40:],
        },
    }


def page_title() -> str:
    return " ".join(VECTORS[:4])


def unsafe_markup(html: str) -> list[str]:
    """What in an HTML page would run a vector: script elements, event
    handler attributes and ``javascript:`` URLs carrying ``__xss``.

    :returns: descriptions of what was found (empty when safe).
    """
    from lxml import html as lxml_html

    found = []
    tree = lxml_html.document_fromstring(html)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        if element.tag == "script" and "__xss" in (element.text or ""):
            found.append(f"<script>{element.text[:40]}")
        for name, value in element.attrib.items():
            if "__xss" not in value:
                continue
            if name.lower().startswith("on"):
                found.append(f"<{element.tag} {name}=...>")
            if name.lower() in ("href", "src", "data", "action", "formaction") and (
                value.strip().lower().startswith("javascript:")
            ):
                found.append(f"<{element.tag} {name}={value[:30]}>")
        if element.tag == "style" and "__xss" in (element.text or ""):
            found.append("<style> with a vector")
    return found
