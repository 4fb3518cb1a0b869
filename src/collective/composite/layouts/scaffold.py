"""A first design template drawn from a real one: ``composite-layouts scaffold``.

The real template is copied element for element, so the design page keeps its
structure and grid classes, with these changes:

- an element that places a slot (``slots/NAME`` or ``slots['NAME']`` in one of
  its attributes) is kept as it is, with everything inside it;
- text is replaced by fuzzy text: word bars as long as the words of a heading,
  as many words (or a paragraph for long text) elsewhere;
- content a TAL expression writes (``tal:content``, ``tal:replace``) becomes
  the fuzzy helper closest to it: the page title, description or text, a line,
  a paragraph;
- images, pictures, videos, frames and SVG become grey picture blocks, scripts
  are left out, styles kept;
- the whole is wrapped in a design page: header, breadcrumbs, heading, footer.

The result is a draft for the developer to simplify, not the end of the work.
"""

from html.parser import HTMLParser
from pathlib import Path

import re


HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Elements drawn as a picture block, with whatever is inside them.
PICTURES = {"img", "picture", "svg", "video", "iframe", "object", "embed", "canvas"}
# Elements left out with their content.
DROPPED = {"script", "noscript", "template"}
VOID = {
    "area",
    "base",
    "br",
    "col",
    "embed",
    "hr",
    "img",
    "input",
    "link",
    "meta",
    "param",
    "source",
    "track",
    "wbr",
}
INLINE = {"a", "abbr", "b", "button", "code", "em", "i", "label", "small", "span"}
INLINE |= {"strong", "sub", "sup", "time", "u", "li", "dt", "dd", "figcaption"}
# Elements copied with their content as they are: CSS is no text to greek.
VERBATIM = {"style"}
# Above this many words, text becomes a paragraph of fuzzy text.
PARAGRAPH_WORDS = 20
# A heading's bars: at most this many, of at most this many letters (the
# widest bar of fuzzy.py).
MAX_HEADING_WORDS = 12
MAX_WORD_LENGTH = 14

_SLOT = re.compile(r"(?<![\w/.@$-])slots/[\w.-]+|(?<![\w.])slots\[")
_DYNAMIC = re.compile(r"""\s(tal:content|tal:replace)\s*=\s*(["'])(.*?)\2""", re.S)
# In a tal: element (<tal:block content="...">), the attributes go unprefixed.
_TAL_ELEMENT_DYNAMIC = re.compile(
    r"""\s((?:tal:)?content|(?:tal:)?replace)\s*=\s*(["'])(.*?)\2""", re.S
)
_TAG_NAME = re.compile(r"<([^\s/>]+)")
_DEFINE = re.compile(r"""\stal:define\s*=\s*(["'])(.*?)\1""", re.S)
_I18N_TEXT = re.compile(r"""\s+i18n:(?:translate|name)\s*=\s*(["']).*?\1""", re.S)
_DOMAIN = re.compile(r"""\si18n:domain\s*=\s*(["'])(.*?)\1""", re.S)
_WIDTH_HEIGHT = re.compile(r"""\b(width|height)\s*=\s*["']?(\d+)""")


def design_template_path(real: Path) -> Path:
    """:returns: where the scaffold goes by default: ``NAME_design.pt`` beside
    the real template ``NAME.pt``."""
    return real.with_name(f"{real.stem}_design{real.suffix or '.pt'}")


def scaffold(source: str, name: str) -> str:
    """Draw a first design template from the source of a real template.

    :param source: the real template's source.
    :param name: the layout's name, for the outer CSS class
        (``composite-design-NAME``) and the comment saying where it comes from.
    :returns: the design template's source.
    """
    converter = _Converter(_slot_variables(source))
    converter.feed(source)
    converter.close()
    body = "".join(converter.out).strip("\n")
    domain = _DOMAIN.search(source)
    domain_attribute = f'\n     i18n:domain="{domain.group(2)}"' if domain else ""
    css_name = re.sub(r"[^\w-]+", "-", name).strip("-").lower() or "layout"
    return (
        f'<div class="composite-design composite-design-{css_name}"'
        f"{domain_attribute}\n>\n"
        f"  <!-- Scaffolded by composite-layouts from the real template of "
        f"{_comment(name)}:\n"
        f"       simplify it (fewer blocks, shorter fuzzy text), keep every slot. -->\n"
        f'  <div tal:replace="structure fuzzy/header"></div>\n'
        f'  <div class="composite-design-page">\n'
        f'    <div tal:replace="structure fuzzy/breadcrumbs"></div>\n'
        f'    <div class="composite-design-heading">\n'
        f'      <div tal:replace="structure fuzzy/title"></div>\n'
        f'      <div tal:replace="structure fuzzy/description"></div>\n'
        f"    </div>\n"
        f"{_indent(body, 4)}\n"
        f"  </div>\n"
        f'  <div tal:replace="structure fuzzy/footer"></div>\n'
        f"</div>\n"
    )


class _Converter(HTMLParser):
    """Copies a template's markup, turning what is not a slot into fuzzy text.

    Start tags are copied as written (attribute case and quoting kept), and only
    changed where an attribute must go or an expression be replaced.
    """

    def __init__(self, slot_names: set[str]):
        super().__init__(convert_charrefs=False)
        self.slot_names = slot_names
        self.out: list[str] = []
        self._text: list[str] = []
        # Open elements: (tag, mode, end tag to write) with mode "copy" (a
        # slot: verbatim), "skip" (left out or drawn as a block) or "fuzz"
        # (text replaced).
        self._stack: list[tuple[str, str, str]] = []

    @property
    def _mode(self) -> str:
        return self._stack[-1][1] if self._stack else "fuzz"

    def _tag_inside(self) -> str:
        for tag, _mode, _end in reversed(self._stack):
            if ":" not in tag:
                return tag
        return ""

    def handle_starttag(self, tag, attrs):
        self._start(tag, self.get_starttag_text(), closed=False)

    def handle_startendtag(self, tag, attrs):
        self._start(tag, self.get_starttag_text(), closed=True)

    def _open(self, tag: str, mode: str, raw: str = "") -> None:
        # End tags are written with the start tag's case (tal:noAuthor).
        name = _TAG_NAME.match(raw).group(1) if raw else ""
        self._stack.append((tag, mode, f"</{name}>" if name else ""))

    def _start(self, tag: str, raw: str, closed: bool) -> None:
        mode = self._mode
        if mode == "fuzz":
            self._flush()
        void = closed or tag in VOID
        dynamic = _dynamic(tag, raw)
        if (
            mode == "copy"
            or (mode == "fuzz" and dynamic and self._writes_slot(dynamic.group(3)))
            or (mode == "fuzz" and tag in VERBATIM)
        ):
            self.out.append(raw)
            if not void:
                self._open(tag, "copy", raw)
        elif mode == "skip" or tag in DROPPED:
            if not void:
                self._open(tag, "skip")
        elif tag in PICTURES:
            self.out.append(
                '<span tal:replace="structure python: '
                f"fuzzy.image('{_ratio(raw)}')\"></span>"
            )
            if not void:
                self._open(tag, "skip")
        elif tag.startswith("i18n:"):
            # i18n:name and friends only mean something in translated text,
            # which fuzzy text is not: their content stays, they go.
            if not void:
                self._open(tag, "fuzz")
        else:
            start = self._fuzzy_start(tag, raw)
            self.out.append(start)
            if void:
                return
            if dynamic:
                # The expression writes the content: what the template has
                # inside is never shown, so it is left out.
                self.out.append(f"</{_TAG_NAME.match(raw).group(1)}>")
                self._open(tag, "skip")
            else:
                self._open(tag, "fuzz", raw)

    def _writes_slot(self, expression: str) -> bool:
        """:returns: whether a ``tal:content``/``tal:replace`` expression writes
        a slot: ``slots/NAME`` or a name a ``tal:define`` bound to one."""
        if _SLOT.search(expression):
            return True
        names = set(re.findall(r"[A-Za-z_][\w-]*", expression))
        return bool(names & self.slot_names)

    def _fuzzy_start(self, tag: str, raw: str) -> str:
        raw = _I18N_TEXT.sub("", raw)
        dynamic = _dynamic(tag, raw)
        if dynamic:
            attribute, quote, expression = dynamic.groups()
            helper = _helper_for(tag, expression)
            raw = (
                raw[: dynamic.start()]
                + f" {attribute}={quote}structure {helper}{quote}"
                + raw[dynamic.end() :]
            )
        return raw

    def handle_endtag(self, tag):
        if self._mode == "fuzz":
            self._flush()
        # Close up to the matching element, and the ones left open inside it;
        # a stray end tag is dropped.
        for index in range(len(self._stack) - 1, -1, -1):
            if self._stack[index][0] == tag:
                break
        else:
            return
        closed = self._stack[index:]
        del self._stack[index:]
        self.out.extend(end for _tag, _mode, end in reversed(closed))

    def handle_data(self, data):
        if self._mode == "copy":
            self.out.append(data)
        elif self._mode == "fuzz":
            self._text.append(data)

    def handle_entityref(self, name):
        self.handle_data(f"&{name};")

    def handle_charref(self, name):
        self.handle_data(f"&#{name};")

    def handle_comment(self, data):
        if self._mode == "fuzz":
            self._flush()
        if self._mode != "skip":
            self.out.append(f"<!--{data}-->")

    def handle_decl(self, decl):
        self.out.append(f"<!{decl}>")

    def handle_pi(self, data):
        self.out.append(f"<?{data}>")

    def unknown_decl(self, data):
        self.handle_data(f"<![{data}]>")

    def close(self):
        super().close()
        self._flush()

    def _flush(self) -> None:
        """Write the pending text, words replaced by fuzzy text."""
        text = "".join(self._text)
        self._text = []
        words = text.split()
        if not words or ("${" in text and _SLOT.search(text)):
            # Blank, or a slot written by ${structure: slots/NAME}: kept.
            self.out.append(text)
            return
        leading = text[: len(text) - len(text.lstrip())]
        trailing = text[len(text.rstrip()) :]
        self.out.append(f"{leading}{_fuzzy_text(self._tag_inside(), words)}{trailing}")


def _dynamic(tag: str, raw: str) -> re.Match | None:
    """:returns: the match of the ``tal:content`` or ``tal:replace`` attribute
    of a start tag (attribute, quote, expression), or None."""
    pattern = _TAL_ELEMENT_DYNAMIC if tag.startswith("tal:") else _DYNAMIC
    return pattern.search(raw)


def _slot_variables(source: str) -> set[str]:
    """:returns: the names ``tal:define`` binds to a slot in a template
    (``sidebar`` in ``tal:define="sidebar slots/sidebar"``)."""
    names = set()
    for _quote, defines in _DEFINE.findall(source):
        for definition in defines.split(";"):
            match = re.match(
                r"\s*(?:(?:local|global)\s+)?([A-Za-z_]\w*)\s+(.*)", definition, re.S
            )
            if match and _SLOT.search(match.group(2)):
                names.add(match.group(1))
    return names


def _fuzzy_text(tag: str, words: list[str]) -> str:
    """:returns: the fuzzy text standing for ``words`` written inside ``tag``."""
    if tag in HEADINGS:
        # Bars of the heading's word lengths, drawn as a title; 'x' stands for
        # each letter so no text of the real page is kept.
        lengths = " ".join(
            "x" * min(len(word), MAX_WORD_LENGTH) for word in words[:MAX_HEADING_WORDS]
        )
        helper = f"python: fuzzy.greek('{lengths}', kind='title')"
    elif len(words) > PARAGRAPH_WORDS:
        helper = "fuzzy/paragraph"
    else:
        helper = f"python: fuzzy.words({len(words)})"
    return f'<span tal:replace="structure {helper}"></span>'


def _helper_for(tag: str, expression: str) -> str:
    """The fuzzy helper that stands for what a TAL expression writes.

    :param tag: the element whose content the expression writes.
    :param expression: the ``tal:content`` or ``tal:replace`` expression.
    :returns: a TALES expression of a ``fuzzy`` helper.
    """
    lowered = expression.lower()
    if "description" in lowered:
        return "fuzzy/description"
    if "title" in lowered or tag in HEADINGS:
        return "fuzzy/title"
    if re.search(r"[/.]text\b", lowered) or "richtext" in lowered:
        return "fuzzy/text"
    if any(word in lowered for word in ("image", "img", "picture", "thumb", "tag(")):
        return "python: fuzzy.image('16x9')"
    if tag in INLINE or tag == "p":
        return "fuzzy/line" if tag != "p" else "fuzzy/paragraph"
    return "fuzzy/paragraph"


def _ratio(raw: str) -> str:
    """:returns: the picture block ratio (16x9, 4x3 or 1x1) nearest to an
    element's width and height attributes; 16x9 without them."""
    sizes = {name: int(value) for name, value in _WIDTH_HEIGHT.findall(raw)}
    if not sizes.get("width") or not sizes.get("height"):
        return "16x9"
    ratio = sizes["width"] / sizes["height"]
    return min(
        (("16x9", 16 / 9), ("4x3", 4 / 3), ("1x1", 1.0)),
        key=lambda item: abs(item[1] - ratio),
    )[0]


def _indent(text: str, spaces: int) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def _comment(text: str) -> str:
    # "--" may not appear inside an HTML comment.
    return text.replace("--", "- -")
